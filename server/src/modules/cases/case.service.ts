import type { CaseDto } from '@carddesk/contracts';
import { formatYuan, isIntent } from '@carddesk/contracts';
import type { Insertable } from 'kysely';
import { audit } from '../../platform/audit.ts';
import type { AccessGrant } from '../../platform/auth/customer-access.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone, normalizeMobile, scrubText } from '../../platform/pii/index.ts';
import { recordCaseOpened } from '../contacts/index.ts';
import {
  type CaseRow,
  departmentCodes,
  findCase,
  findCaseByNumber,
  insertCase,
  listAppraisals,
  listCaseEvents,
  listCaseMessages,
  nextSequence,
  updateCase,
  userById,
} from './case.repository.ts';
import type { ComplaintIntake, ListQuery, RepaymentTraceIntake } from './case.schemas.ts';
import { type CaseKind, type CaseState, CLOCK_RUNNING_STATES, formatCaseNumber, OPEN_STATES } from './case.ts';
import {
  type CaseChange,
  openCaseForChange,
  publishCase,
  publishToSupervisors,
  recordCaseEvent,
  requireCaseAccess,
  requireResponsible,
  rowToCase,
  today,
} from './case-core.service.ts';
import { messageRowToDto, sendCustomerMessage } from './case-messages.service.ts';
import type { CasesTable } from './cases.tables.ts';
import { refreshDeadline } from './clock.jobs.ts';

/**
 * Intake, reading, listing and notes. State changes are in case-workflow.service.ts; the regulatory clock in
 * clock.rules.ts (pure), clock.jobs.ts (a stored case's deadline and its jobs) and clock.service.ts.
 */

export interface NewCase {
  kind: CaseKind;
  customerId: string;
  contactId?: string | null | undefined;
  cardId?: string | null | undefined;
  channel: string;
  productCode?: string | null | undefined;
  category: string;
  summary: string;
  demand: string;
  callbackPhone?: string | undefined;
  subjectUserId?: string | null | undefined;
  departmentId?: string | null | undefined;
  ownerId?: string | null | undefined;
  /** Defaults to the acting user (首问负责人); demo seeding names one. */
  firstAgentId?: string | null | undefined;
  priority: 'normal' | 'urgent';
  state: CaseState;
  /** A "repayment not credited" case: the customer's transfer reference. */
  transferReference?: string | null | undefined;
}

/**
 * Creates a case in the caller's transaction (access already checked): numbered, with its first history
 * entry and its regulatory clock running. Other modules (the emergency lane) open cases through this.
 * A case opened from a contact is recorded on it (contacts module): the contact becomes a complaint
 * (a fraud case: an emergency), its hand-over packet lists the case and it closes as `case_opened`.
 */
export async function createCaseRecord(ctx: Ctx, input: NewCase): Promise<CaseRow> {
  const now = ctx.clock.now();
  const receivedDate = bankDate(now);
  const seq = await nextSequence(ctx.db, `case_no:${input.kind}:${receivedDate}`);
  let phoneEnc: string | null = null;
  let phoneMasked: string | null = null;
  if (input.callbackPhone) {
    const phone = normalizeMobile(input.callbackPhone);
    if (!phone) throw new AppError('VALIDATION_FAILED', { detail: 'callbackPhone' });
    phoneEnc = ctx.keyring.encrypt(phone, 'cases.callback_phone');
    phoneMasked = maskPhone(phone);
  }
  const row: Insertable<CasesTable> = {
    id: newId(now),
    number: formatCaseNumber(input.kind, receivedDate, seq),
    kind: input.kind,
    state: input.state,
    customer_id: input.customerId,
    contact_id: input.contactId ?? null,
    card_id: input.cardId ?? null,
    channel: input.channel,
    product_code: input.productCode ?? null,
    category: input.category,
    summary: scrubText(input.summary),
    demand: scrubText(input.demand),
    callback_phone_enc: phoneEnc,
    callback_phone_masked: phoneMasked,
    subject_user_id: input.subjectUserId ?? null,
    first_agent_id: input.firstAgentId !== undefined ? input.firstAgentId : ctx.actor.userId,
    owner_id: input.ownerId ?? null,
    department_id: input.departmentId ?? null,
    priority: input.priority,
    received_at: now.toISOString(),
    received_date: receivedDate,
    clock_kind: 'decision',
    clock_started_on: receivedDate,
    complex: 0,
    extended: 0,
    extension_status: null,
    extension_requested_by: null,
    extension_reason: null,
    extension_approved_by: null,
    extension_approver_position: null,
    extension_approved_at: null,
    // Set by refreshDeadline below, in the same transaction.
    due_date: receivedDate,
    due_paused: 0,
    promised_date: null,
    resolution: null,
    resolved_on_spot: 0,
    decided_by: null,
    decided_at: null,
    decision_date: null,
    result_notified_at: null,
    result_received_on: null,
    feedback: null,
    feedback_at: null,
    root_cause_code: null,
    remediation: null,
    closed_at: null,
    breached_at: null,
    reopen_count: 0,
    review_requested_at: null,
    transfer_reference: input.transferReference ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await insertCase(ctx.db, row);
  const stored = await refreshDeadline(ctx, row as CaseRow);
  if (stored.contact_id) {
    await recordCaseOpened(ctx, stored.contact_id, {
      customerId: stored.customer_id,
      caseId: stored.id,
      intents: isIntent(stored.category) ? [stored.category] : [],
      details: {
        number: stored.number,
        kind: stored.kind as CaseKind,
        category: stored.category,
        dueDate: stored.due_date,
      },
    });
  }
  await recordCaseEvent({ ctx, row: stored }, 'received', stored.summary, {
    kind: stored.kind,
    channel: stored.channel,
    category: stored.category,
    demand: stored.demand,
    dueDate: stored.due_date,
  });
  return stored;
}

/** Guide §3.2: record the core content, the demand and how to reach the customer; resolve at once or keep it. */
export async function openComplaint(ctx: Ctx, input: ComplaintIntake): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.create');
  if (!isIntent(input.category)) throw new AppError('VALIDATION_FAILED', { detail: 'category is not an intent code' });
  return inTransaction(ctx, async (tctx) => {
    const grant = await tctx.access.require(tctx, { customerId: input.customerId, need: 'case.write' });
    if (input.subjectUserId && !(await userById(tctx.db, input.subjectUserId))) {
      throw new AppError('VALIDATION_FAILED', { detail: 'subjectUserId' });
    }
    // 首问负责: the agent who takes the complaint owns it — unless it is about them (回避).
    const ownerId = ctx.actor.userId !== null && ctx.actor.userId !== input.subjectUserId ? ctx.actor.userId : null;
    let row = await createCaseRecord(tctx, {
      kind: 'complaint',
      customerId: input.customerId,
      contactId: input.contactId ?? grant.contactId,
      cardId: input.cardId,
      channel: input.channel,
      productCode: input.productCode,
      category: input.category,
      summary: input.summary,
      demand: input.demand,
      callbackPhone: input.callbackPhone,
      subjectUserId: input.subjectUserId,
      ownerId,
      priority: 'normal',
      state: 'received',
    });
    const change: CaseChange = { ctx: tctx, row, grant };
    if (input.resolvedOnSpot) {
      row = await resolveInChange(change, input.resolvedOnSpot.result, true);
    } else {
      await sendCustomerMessage(
        change,
        'intake_confirmation',
        `您的投诉已受理,投诉编号 ${row.number}。我们将在 ${row.due_date} 前将处理结果告知您。`,
      );
    }
    if (!ownerId) publishToSupervisors(tctx, 'case.unassigned', { caseId: row.id, number: row.number });
    publishToSupervisors(tctx, 'case.created', {
      caseId: row.id,
      number: row.number,
      kind: row.kind,
      dueDate: row.due_date,
    });
    return rowToCase(row, await departmentCodes(tctx.db));
  });
}

/**
 * Opens a "repayment not credited" case (还款未入账) with the customer's transfer reference, kept on the
 * case and shown with it. The desk traces the payment; crediting it stays with the payment system.
 */
export async function openRepaymentTrace(ctx: Ctx, input: RepaymentTraceIntake): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.create');
  if (input.paidOn > today(ctx)) throw new AppError('VALIDATION_FAILED', { detail: 'paidOn is in the future' });
  return inTransaction(ctx, async (tctx) => {
    const grant = await tctx.access.require(tctx, { customerId: input.customerId, need: 'case.write' });
    const amount = formatYuan(input.amountFen);
    const row = await createCaseRecord(tctx, {
      kind: 'repayment_trace',
      customerId: input.customerId,
      contactId: input.contactId ?? grant.contactId,
      cardId: input.cardId,
      channel: input.channel,
      category: 'repayment_status',
      summary: `客户称已于 ${input.paidOn}${input.paidVia ? `通过${input.paidVia}` : ''}还款 ${amount} 元,转账流水号 ${input.transferReference},至今未入账`,
      demand: '核查还款去向并入账',
      callbackPhone: input.callbackPhone,
      ownerId: ctx.actor.userId,
      priority: 'normal',
      state: 'received',
      transferReference: input.transferReference,
    });
    await sendCustomerMessage(
      { ctx: tctx, row, grant },
      'intake_confirmation',
      `您反映的还款未入账(${input.paidOn} 还款 ${amount} 元,流水号 ${input.transferReference})已登记,编号 ${row.number}。我们将核查该笔转账,并在 ${row.due_date} 前告知您结果。`,
    );
    publishToSupervisors(tctx, 'case.created', {
      caseId: row.id,
      number: row.number,
      kind: row.kind,
      dueDate: row.due_date,
    });
    return rowToCase(row, await departmentCodes(tctx.db));
  });
}

/**
 * Records the decision; shared by on-the-spot resolution at intake and by `resolveCase`. The regulatory
 * clock keeps running (with its reminders and breach escalation) until the customer is told the result.
 */
export async function resolveInChange(change: CaseChange, result: string, onSpot: boolean): Promise<CaseRow> {
  const { ctx, row } = change;
  const now = ctx.clock.now();
  const patch = {
    state: 'resolved',
    resolution: scrubText(result),
    resolved_on_spot: onSpot ? 1 : 0,
    decided_by: ctx.actor.userId,
    decided_at: now.toISOString(),
    decision_date: bankDate(now),
    updated_at: now.toISOString(),
  } as const;
  await updateCase(ctx.db, row.id, patch);
  const updated: CaseRow = { ...row, ...patch };
  await recordCaseEvent({ ...change, row: updated }, onSpot ? 'resolved_on_spot' : 'resolved', patch.resolution, {
    decisionDate: patch.decision_date,
    dueDate: row.due_date,
  });
  publishCase(ctx, updated, 'case.resolved');
  return updated;
}

export async function getCase(ctx: Ctx, idOrNumber: string) {
  authorize(ctx.actor, 'cases.list');
  const row = (await findCase(ctx.db, idOrNumber)) ?? (await findCaseByNumber(ctx.db, idOrNumber.toUpperCase()));
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const grant = await requireCaseAccess(ctx, row, 'case.read');
  const [events, messages, appraisals, codes] = await Promise.all([
    listCaseEvents(ctx.db, row.id),
    listCaseMessages(ctx.db, row.id),
    listAppraisals(ctx.db, row.id),
    departmentCodes(ctx.db),
  ]);
  await audit(ctx, {
    action: 'case.read',
    entityType: 'case',
    entityId: row.id,
    customerId: row.customer_id,
    contactId: grant.contactId ?? ctx.contactId ?? null,
    details: { number: row.number },
  });
  return {
    ...rowToCase(row, codes),
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      actorId: e.actor_id,
      actorRole: e.actor_role,
      kind: e.kind,
      body: e.body,
      details: JSON.parse(e.details) as Record<string, unknown>,
    })),
    messages: messages.map(messageRowToDto),
    appraisals: appraisals.map((a) => ({
      id: a.id,
      description: a.description,
      startedOn: a.started_on,
      endedOn: a.ended_on,
      customerNotified: a.customer_notified_at !== null,
    })),
  };
}

/**
 * Lists and searches cases. Supervisors, QA and admins see every case; department handlers their
 * department's and their own (with or without a customer filter); agents their own, or one customer's
 * inside a contact with them.
 */
export async function listCases(ctx: Ctx, query: ListQuery): Promise<{ items: CaseDto[]; total: number }> {
  authorize(ctx.actor, 'cases.list');
  const a = ctx.actor;
  let seesAll = can(a, 'cases.read_all');
  let grant: AccessGrant | null = null;
  if (query.customerId && !seesAll && !can(a, 'cases.department_work')) {
    grant = await ctx.access.require(ctx, { customerId: query.customerId, need: 'case.read' });
    seesAll = true;
  }
  const codes = await departmentCodes(ctx.db);
  const deptId = query.department ? [...codes].find(([, code]) => code === query.department)?.[0] : undefined;
  if (query.department && !deptId) return { items: [], total: 0 };
  const userId = a.userId ?? '';
  let q = ctx.db.selectFrom('cases');
  if (!seesAll) {
    q = q.where((eb) => {
      const held =
        can(a, 'cases.department_work') && a.departmentId
          ? [eb('department_id', '=', a.departmentId), eb('owner_id', '=', userId)]
          : [eb('owner_id', '=', userId), eb('first_agent_id', '=', userId)];
      // Who approves extensions holds the cases waiting for one (as `holdsCase` decides per case).
      return eb.or(can(a, 'cases.approve_extension') ? [...held, eb('extension_status', '=', 'requested')] : held);
    });
  }
  if (query.extension) q = q.where('extension_status', '=', query.extension);
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.open === 'true') q = q.where('state', 'in', [...OPEN_STATES]);
  if (query.open === 'false') q = q.where('state', 'not in', [...OPEN_STATES]);
  if (deptId) q = q.where('department_id', '=', deptId);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  if (query.mine === 'true') q = q.where('owner_id', '=', userId);
  if (query.dueBefore) q = q.where('due_date', '<=', query.dueBefore);
  if (query.overdue === 'true') {
    q = q.where('state', 'in', [...CLOCK_RUNNING_STATES]).where('due_date', '<', today(ctx));
  }
  if (query.receivedFrom) q = q.where('received_date', '>=', query.receivedFrom);
  if (query.receivedTo) q = q.where('received_date', '<=', query.receivedTo);
  // The analysis' buckets, so every figure of the dashboard opens the cases behind it.
  if (query.rootCause === 'open') q = q.where('state', '!=', 'closed');
  else if (query.rootCause === 'unclassified') q = q.where('state', '=', 'closed').where('root_cause_code', 'is', null);
  else if (query.rootCause) q = q.where('state', '=', 'closed').where('root_cause_code', '=', query.rootCause);
  if (query.product === 'unspecified') q = q.where('product_code', 'is', null);
  else if (query.product) q = q.where('product_code', '=', query.product);
  if (query.q) {
    const term = query.q;
    const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('number', '=', term.toUpperCase()),
        eb('summary', 'like', like),
        eb('demand', 'like', like),
        eb('category', '=', term),
      ]),
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll()
    .orderBy(query.open === 'true' ? 'due_date' : 'received_at', query.open === 'true' ? 'asc' : 'desc')
    .orderBy('id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  // A list shows several customers' cases: the record names every customer whose case was shown.
  await audit(ctx, {
    action: 'case.list',
    entityType: 'case',
    customerId: query.customerId ?? null,
    contactId: grant?.contactId ?? ctx.contactId ?? null,
    details: { count: rows.length, total, customerIds: [...new Set(rows.map((r) => r.customer_id))] },
  });
  return { items: rows.map((r) => rowToCase(r, codes)), total };
}

/** A note in the case history, by whoever carries the case (owner, its department, a supervisor). */
export async function addNote(ctx: Ctx, caseId: string, body: string): Promise<void> {
  authorize(ctx.actor, 'cases.work');
  await inTransaction(ctx, async (tctx) => {
    const change = await openCaseForChange(tctx, caseId);
    requireResponsible(change.ctx, change.row);
    await recordCaseEvent(change, 'note', body);
    publishCase(change.ctx, change.row, 'case.note');
  });
}
