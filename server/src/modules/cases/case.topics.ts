import type { CustomerCaseItem } from '@carddesk/contracts';
import { can } from '../../platform/auth/policy.ts';
import type { Ctx, CustomerViewContributor } from '../../platform/context.ts';
import type { TopicAuthorizers } from '../../platform/http/websocket.ts';
import { departmentById, findCase } from './case.repository.ts';
import { type CaseState, CLOCK_RUNNING_STATES, OPEN_STATES, STATE_LABELS } from './case.ts';
import { requireCaseAccess, today } from './case-core.service.ts';

/**
 * Live topics of the cases module:
 * - `cases`: supervisors' stream (near or past deadline, review and extension requests, new cases);
 * - `case:<id>`: one case's updates, for whoever works it;
 * - `department:<code>`: new referrals and deadlines for that department's handlers.
 */
export const caseTopics: TopicAuthorizers = {
  cases: (ctx) => can(ctx.actor, 'cases.watch'),
  // One case's updates carry its data: heard by whoever may read the case over HTTP (requireCaseAccess —
  // its holder without a declared conflict, or the customer-access rules), and by the oversight roles.
  case: async (ctx, id) => {
    if (can(ctx.actor, 'cases.watch')) return true;
    const row = await findCase(ctx.db, id);
    if (!row) return false;
    return requireCaseAccess(ctx, row, 'case.read').then(
      () => true,
      () => false,
    );
  },
  department: async (ctx, code) => {
    if (can(ctx.actor, 'cases.oversee')) return true;
    if (!ctx.actor.departmentId) return false;
    const dept = await departmentById(ctx.db, ctx.actor.departmentId);
    return dept?.code === code;
  },
};

/** The customer 360 `cases` section: open cases with number, kind, state and deadline. */
export const casesCustomerView: CustomerViewContributor = {
  section: 'cases',
  async load(ctx: Ctx, customerId: string): Promise<CustomerCaseItem[]> {
    const rows = await ctx.db
      .selectFrom('cases')
      .select(['id', 'number', 'kind', 'state', 'category', 'due_date', 'received_date', 'promised_date'])
      .where('customer_id', '=', customerId)
      .where('state', 'in', [...OPEN_STATES, 'resolved', 'notified'])
      .orderBy('due_date')
      .limit(50)
      .execute();
    const date = today(ctx);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      state: r.state,
      stateLabel: STATE_LABELS[r.state as CaseState] ?? r.state,
      category: r.category,
      receivedDate: r.received_date,
      dueDate: r.due_date,
      promisedDate: r.promised_date,
      overdue: CLOCK_RUNNING_STATES.includes(r.state as CaseState) && r.due_date < date,
    }));
  },
};
