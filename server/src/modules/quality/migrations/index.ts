import type { Migration } from 'kysely';
import * as quality from './5001_quality.ts';
import * as speakerScope from './5002_speaker_scope.ts';

/** The quality module's migrations, named so they sort in the order they must run. */
export const qualityMigrations: Record<string, Migration> = {
  '5001_quality': quality,
  '5002_speaker_scope': speakerScope,
};
