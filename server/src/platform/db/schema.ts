import type { Generated } from 'kysely';

/**
 * Table types of the platform. Modules declare their own tables in `<module>.tables.ts` and the
 * `Database` interface below merges them, so one Kysely instance types every query.
 *
 * Storage conventions (same on SQLite and PostgreSQL): ids are text (ULID); instants are ISO-8601 UTC
 * text; calendar dates are YYYY-MM-DD text; money is bigint fen read back as a JS number; booleans are
 * integers 0/1; JSON is text.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  agent_no: string | null;
  department_id: string | null;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  /** Last request made with the session (idle timeout); null until first used after sign-in. */
  last_seen_at: string | null;
}

/** Failed sign-ins per throttling key (account, address, account+address); see auth/login-throttle.ts. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  customer_id: string | null;
  contact_id: string | null;
  ip: string | null;
  reason: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  /** The audit key id that sealed this record (HMAC); null on records from before the chain was keyed. */
  mac_kid: string | null;
}

/** The signed checkpoint of the audit chain's newest record (one row per chain). */
export interface AuditHeadTable {
  chain: string;
  seq: number;
  hash: string;
  mac_kid: string;
  mac: string;
  at: string;
}

export interface IdempotencyKeysTable {
  actor_id: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  run_at: string;
  status: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface DepartmentsTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  handles: string;
  created_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** A system's own credential (the payment system): the secret's SHA-256 only, never the secret. */
export interface SystemCredentialsTable {
  id: string;
  kind: string;
  name: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface PlatformTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  departments: DepartmentsTable;
  counters: CountersTable;
  settings: SettingsTable;
  system_credentials: SystemCredentialsTable;
}

export type { Generated };
