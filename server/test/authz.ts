import { ROLES, type Role } from '@carddesk/contracts';
import { createUser } from '../src/platform/auth/auth.service.ts';
import type { TestEnv } from './context.ts';
import { concretePath, type Operation, requiredQuery, sampleOf } from './openapi.ts';

/**
 * Calling every operation of the API as one caller, with real seeded rows in its path: the authorization
 * matrix test compares what each caller gets with `platform/http/authz-matrix.ts`.
 */

export const MATRIX_ROLES: readonly Role[] = ROLES.filter((r) => r !== ('fraud_handler' as string));
export type Outcome = 'ok' | 401 | 403;

const FAKE_ID = '01JCDQ0000000000000000000A';

export interface MatrixFixture {
  pathValue(op: Operation, param: string): string;
  query: Record<string, string>;
}

/** Rows the matrix works on, picked by stable attributes so every run (and both databases) agree. */
export async function matrixFixture(env: TestEnv): Promise<MatrixFixture> {
  const db = env.runtime.deps.db;
  const card = await db.selectFrom('cards').selectAll().where('last4', '=', '1234').executeTakeFirstOrThrow();
  const first = async (table: string, order: string) => {
    const row = await db
      .selectFrom(table as 'cases')
      .select('id')
      .orderBy(order as 'id')
      .executeTakeFirst();
    return row?.id ?? FAKE_ID;
  };
  const target = await createUser(env.system, {
    username: 'matrix.target',
    displayName: '矩阵测试',
    role: 'agent',
    password: 'Str0ng-enough-pass',
    agentNo: '8999',
  });
  const contact = await env.request({
    method: 'POST',
    url: '/api/contacts',
    as: 'agent',
    payload: { channel: 'phone', direction: 'inbound' },
  });
  const version = await db
    .selectFrom('kb_versions')
    .select('id')
    .orderBy('created_at')
    .orderBy('article_id')
    .executeTakeFirst();
  const ids: Array<[RegExp, string]> = [
    [/^\/api\/users\//, target.id],
    [/^\/api\/customers\//, card.customer_id],
    [/^\/api\/cards\//, card.id],
    [/^\/api\/accounts\//, card.account_id],
    [/^\/api\/limit-changes\//, await first('limit_changes', 'created_at')],
    [/^\/api\/installments\//, await first('installment_plans', 'created_at')],
    [/^\/api\/products\//, await first('products', 'code')],
    [/^\/api\/applications\//, await first('card_applications', 'created_at')],
    [/^\/api\/contacts\//, (contact.json() as { contact: { id: string } }).contact.id],
    [/^\/api\/promises\//, await first('promises', 'created_at')],
    [/^\/api\/supervisor\/alerts\//, await first('supervisor_alerts', 'created_at')],
    [/^\/api\/cases\//, await first('cases', 'number')],
    [/^\/api\/emergency\/reports\//, await first('emergency_reports', 'reported_at')],
    [/^\/api\/(public\/)?kb\/articles\//, await first('kb_articles', 'created_at')],
    [/^\/api\/kb\/versions\//, version?.id ?? FAKE_ID],
    [/^\/api\/kb\/synonyms\//, await first('kb_synonyms', 'phrase')],
  ];
  const named: Record<string, string> = { code: 'general', year: '2026', seq: '1' };
  return {
    pathValue(op, param) {
      if (op.path.startsWith('/api/cases/root-causes/')) return 'system';
      if (named[param]) return named[param];
      return ids.find(([re]) => re.test(op.path))?.[1] ?? FAKE_ID;
    },
    query: { customerId: card.customer_id, phone: '13800138000', q: '张伟' },
  };
}

/** The request the matrix sends for `op`: real path values, required query, a body valid for its schema. */
export function matrixRequest(op: Operation, fixture: MatrixFixture) {
  const url = concretePath(op, (p) => fixture.pathValue(op, p)) + requiredQuery(op, fixture.query);
  const payload = op.body ? (sampleOf(op.body) as Record<string, unknown>) : undefined;
  return { method: op.method as 'GET', url, ...(payload ? { payload } : {}) };
}

export function outcomeOf(status: number): Outcome {
  if (status >= 500) throw new Error(`server error ${status}`);
  return status === 401 ? 401 : status === 403 ? 403 : 'ok';
}
