import type { Migration } from 'kysely';
import * as bot from './5101_bot.ts';
import * as answerReports from './5102_bot_answer_reports.ts';

/** The bot module's migrations, named so they sort in the order they must run. */
export const botMigrations: Record<string, Migration> = {
  '5101_bot': bot,
  '5102_bot_answer_reports': answerReports,
};
