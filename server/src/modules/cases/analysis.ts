import {
  type AnalysisBucket,
  type ComplaintAnalysis,
  complaintAnalysisQuerySchema,
  INTENTS,
} from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { allDepartments } from '../../platform/departments.ts';
import { AppError } from '../../platform/errors.ts';
import { productRefs } from '../cards/index.ts';
import { departmentCodes } from './case.repository.ts';
import { type CaseState, CHANNEL_NAMES, type Channel, CLOCK_RUNNING_STATES } from './case.ts';
import { today } from './case-core.service.ts';
import { notifiedOnTime } from './clock.rules.ts';

/**
 * The periodic complaint analysis the guide asks for (§3.2 总结反思,持续改进): complaints received in a
 * period grouped by root cause, product, department, channel, category and month, each with SLA compliance
 * (the result told to the customer by the regulatory due date, 作出处理决定并告知), plus repeat complainants. Only counts and ids leave this function.
 */
export const analysisQuerySchema = complaintAnalysisQuerySchema;
export type AnalysisQuery = z.infer<typeof analysisQuerySchema>;

/** A group of the analysis and the whole answer: the API's contract in `@carddesk/contracts`. */
export type Bucket = AnalysisBucket;
export type Analysis = ComplaintAnalysis;

interface Item {
  state: string;
  dueDate: string;
  /** The day the customer was told the result (null until told). */
  notifiedDate: string | null;
  breachedAt: string | null;
  feedback: string | null;
}

function bucket(key: string, label: string, items: readonly Item[], date: string): Bucket {
  let open = 0;
  let closed = 0;
  let decided = 0;
  let decidedOnTime = 0;
  let breached = 0;
  let openLate = 0;
  let satisfied = 0;
  let unsatisfied = 0;
  for (const i of items) {
    const running = CLOCK_RUNNING_STATES.includes(i.state as CaseState);
    if (running) open++;
    if (i.state === 'closed') closed++;
    if (i.notifiedDate !== null && !running) {
      decided++;
      if (notifiedOnTime(i.notifiedDate, i.dueDate)) decidedOnTime++;
    }
    const lateOpen = running && i.dueDate < date;
    if (lateOpen) openLate++;
    if (lateOpen || i.breachedAt !== null || (i.notifiedDate !== null && !notifiedOnTime(i.notifiedDate, i.dueDate)))
      breached++;
    if (i.feedback === 'satisfied') satisfied++;
    if (i.feedback === 'unsatisfied') unsatisfied++;
  }
  const measurable = decided + openLate;
  return {
    key,
    label,
    total: items.length,
    open,
    closed,
    decided,
    decidedOnTime,
    breached,
    slaRate: measurable === 0 ? null : Math.round((decidedOnTime / measurable) * 10_000) / 10_000,
    satisfied,
    unsatisfied,
  };
}

function groupBy<T extends Item>(
  items: readonly T[],
  keyOf: (i: T) => string,
  labelOf: (k: string) => string,
  date: string,
): Bucket[] {
  const groups = new Map<string, T[]>();
  for (const i of items) {
    const k = keyOf(i);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups]
    .map(([k, g]) => bucket(k, labelOf(k), g, date))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

const MAX_RANGE_DAYS = 3 * 366;

function intentName(code: string): string {
  return code in INTENTS ? INTENTS[code as keyof typeof INTENTS].zh : code;
}

/** Names of the two root-cause buckets that are not causes. */
const ROOT_CAUSE_PENDING: Record<string, string> = { open: '未结案', unclassified: '已结案未归因' };

export async function analyzeComplaints(ctx: Ctx, query: AnalysisQuery): Promise<Analysis> {
  authorize(ctx.actor, 'cases.analysis');
  if (query.from > query.to) throw new AppError('VALIDATION_FAILED', { detail: 'from after to' });
  if ((Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 > MAX_RANGE_DAYS) {
    throw new AppError('VALIDATION_FAILED', { detail: 'range longer than three years' });
  }
  const rows = await ctx.db
    .selectFrom('cases')
    .select([
      'customer_id',
      'state',
      'due_date',
      'result_notified_at',
      'breached_at',
      'feedback',
      'root_cause_code',
      'product_code',
      'department_id',
      'channel',
      'category',
      'received_date',
      'resolved_on_spot',
      'reopen_count',
      'review_requested_at',
    ])
    .where('kind', '=', 'complaint')
    .where('received_date', '>=', query.from)
    .where('received_date', '<=', query.to)
    .execute();
  const [codes, causes, departments, products] = await Promise.all([
    departmentCodes(ctx.db),
    ctx.db.selectFrom('case_root_causes').select(['code', 'name_zh']).execute(),
    allDepartments(ctx.db),
    productRefs(ctx.db),
  ]);
  const causeNames = new Map(causes.map((c) => [c.code, c.name_zh]));
  // Every bucket is labelled in words (the chart and the Excel export show labels, never codes).
  const departmentNames = new Map(departments.map((d) => [d.code, d.nameZh]));
  const productNames = new Map(products.map((p) => [p.code, p.nameZh]));
  const date = today(ctx);
  const items = rows.map((r) => ({
    ...r,
    state: r.state,
    dueDate: r.due_date,
    notifiedDate: r.result_notified_at ? bankDate(new Date(r.result_notified_at)) : null,
    breachedAt: r.breached_at,
    feedback: r.feedback,
  }));
  const same = (k: string) => k;
  const perCustomer = new Map<string, number>();
  for (const r of rows) perCustomer.set(r.customer_id, (perCustomer.get(r.customer_id) ?? 0) + 1);
  const repeat = [...perCustomer].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  await audit(ctx, {
    action: 'cases.analysis',
    entityType: 'report',
    entityId: 'complaints',
    details: { ...query, count: rows.length },
  });
  return {
    from: query.from,
    to: query.to,
    totals: {
      ...bucket('all', '全部', items, date),
      resolvedOnSpot: rows.filter((r) => r.resolved_on_spot === 1).length,
      reopened: rows.filter((r) => r.reopen_count > 0).length,
      reviewRequested: rows.filter((r) => r.review_requested_at !== null).length,
    },
    // A root cause is found when a case closes: open cases are their own bucket (`open`), apart from
    // closed cases that carry none (`unclassified`), so a chart of causes can leave the open ones out.
    byRootCause: groupBy(
      items,
      (i) => (i.state === 'closed' ? (i.root_cause_code ?? 'unclassified') : 'open'),
      (k) => causeNames.get(k) ?? ROOT_CAUSE_PENDING[k] ?? k,
      date,
    ),
    byProduct: groupBy(
      items,
      (i) => i.product_code ?? 'unspecified',
      (k) => (k === 'unspecified' ? '未指定产品' : (productNames.get(k) ?? k)),
      date,
    ),
    byDepartment: groupBy(
      items,
      (i) => (i.department_id ? (codes.get(i.department_id) ?? i.department_id) : 'front_line'),
      (k) => (k === 'front_line' ? '一线(首问)' : (departmentNames.get(k) ?? k)),
      date,
    ),
    byChannel: groupBy(
      items,
      (i) => i.channel,
      (k) => CHANNEL_NAMES[k as Channel] ?? k,
      date,
    ),
    byCategory: groupBy(
      items,
      (i) => i.category,
      (k) => intentName(k),
      date,
    ),
    byMonth: groupBy(items, (i) => i.received_date.slice(0, 7), same, date).sort((a, b) => a.key.localeCompare(b.key)),
    repeatComplainants: {
      count: repeat.length,
      complaints: repeat.reduce((s, [, n]) => s + n, 0),
      top: repeat.slice(0, 20).map(([customerId, complaints]) => ({ customerId, complaints })),
    },
  };
}
