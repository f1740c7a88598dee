import type { Migration } from 'kysely';
import * as platform from './0001_platform.ts';
import * as signInSecurity from './0002_sign_in_security.ts';
import * as auditKeyed from './0010_audit_keyed.ts';
import * as systemCredentials from './0020_system_credentials.ts';

/**
 * The platform's migrations (0xxx). Each module brings its own in its `ModuleDef.migrations` (cards 1xxx,
 * contacts 2xxx, cases 3xxx, knowledge 4xxx); the composition root hands them all to `migrateToLatest`.
 */
export const platformMigrations: Record<string, Migration> = {
  '0001_platform': platform,
  '0002_sign_in_security': signInSecurity,
  '0010_audit_keyed': auditKeyed,
  '0020_system_credentials': systemCredentials,
};
