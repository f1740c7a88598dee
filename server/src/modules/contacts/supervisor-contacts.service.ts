import type {
  ContactOutcome,
  ContactType,
  Intent,
  SupervisorContact,
  SupervisorContactPage,
} from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { staffByIds } from '../../platform/auth/staff.ts';
import { addDays, bankDate, bankDayStart, daysBetween } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import type { Channel, ContactStatus } from './contact.ts';
import { parseIntents } from './contact.view.ts';
import type { ContactsTable } from './contacts.tables.ts';

/**
 * The contacts behind a dashboard figure (drill-down): the same rules the figures are computed by
 * (`stats.service.ts`), as filters. `basis` says which instant the date range applies to: `started` for the
 * period's volumes, `queued` for the wallboard's service figures (contacts that joined a queue that day).
 */
export interface SupervisorContactQuery {
  from?: string | undefined;
  to?: string | undefined;
  basis: 'started' | 'queued';
  status?: ContactStatus | undefined;
  channel?: Channel | undefined;
  /** A contact type, or `unclassified` (no type yet). */
  type?: ContactType | 'unclassified' | undefined;
  intent?: Intent | undefined;
  queue?: string | undefined;
  outcome?: ContactOutcome | undefined;
  /** Taken by an agent since it last joined a queue (the answer rate's numerator). */
  answered?: boolean | undefined;
  /** The customer left the queue before anyone took the contact (the abandon rate's numerator). */
  abandoned?: boolean | undefined;
  /** Answered within this many seconds of queueing (the service level's numerator). */
  answeredWithin?: number | undefined;
  /** Missed this many seconds: answered later, abandoned, or still waiting longer (what the service level lacks). */
  missedWithin?: number | undefined;
  /** With the customer's satisfaction score. */
  rated?: boolean | undefined;
  hostile?: boolean | undefined;
  agentId?: string | undefined;
  /** The contacts an alert is about (an agent's run of hostile contacts, the contact of a missed promise). */
  alertId?: string | undefined;
  limit: number;
  offset: number;
}

const MAX_DAYS = 366;

type Row = Pick<
  ContactsTable,
  | 'id'
  | 'channel'
  | 'status'
  | 'type'
  | 'intents'
  | 'queue_code'
  | 'agent_id'
  | 'caller_number_enc'
  | 'started_at'
  | 'queued_at'
  | 'accepted_at'
  | 'closed_at'
  | 'outcome'
  | 'satisfaction'
  | 'hostile'
>;

const COLUMNS = [
  'id',
  'channel',
  'status',
  'type',
  'intents',
  'queue_code',
  'agent_id',
  'caller_number_enc',
  'started_at',
  'queued_at',
  'accepted_at',
  'closed_at',
  'outcome',
  'satisfaction',
  'hostile',
] as const;

/** Taken since it last joined a queue: a contact sent back to a queue counts by its new wait (as the figures do). */
const wasAnswered = (r: Pick<Row, 'queued_at' | 'accepted_at'>) =>
  r.queued_at !== null && r.accepted_at !== null && r.accepted_at >= r.queued_at;

export async function listSupervisorContacts(ctx: Ctx, query: SupervisorContactQuery): Promise<SupervisorContactPage> {
  authorize(ctx.actor, 'contacts.supervise');
  const now = ctx.clock.now();
  let ids: string[] | null = null;
  if (query.alertId) {
    const alert = await ctx.db
      .selectFrom('supervisor_alerts')
      .select('details')
      .where('id', '=', query.alertId)
      .executeTakeFirst();
    if (!alert) throw new AppError('ALERT_NOT_FOUND');
    const details = JSON.parse(alert.details) as { contactIds?: unknown; contactId?: unknown };
    const named = Array.isArray(details.contactIds) ? details.contactIds : [details.contactId];
    ids = named.filter((id): id is string => typeof id === 'string');
  }
  // Without a range or an alert: today (bank day).
  const from = query.from ?? (query.to || ids ? undefined : bankDate(now));
  const to = query.to ?? (query.from || ids ? undefined : bankDate(now));
  if (from && to) {
    const span = daysBetween(from, to);
    if (Number.isNaN(span) || span < 0 || span >= MAX_DAYS) throw new AppError('STATS_RANGE_INVALID');
  }
  const at = query.basis === 'queued' ? 'queued_at' : 'started_at';

  let q = ctx.db.selectFrom('contacts');
  if (ids) q = ids.length > 0 ? q.where('id', 'in', ids) : q.where('id', '=', '');
  if (from) q = q.where(at, '>=', bankDayStart(from).toISOString());
  if (to) q = q.where(at, '<', bankDayStart(addDays(to, 1)).toISOString());
  if (query.status) q = q.where('status', '=', query.status);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.type === 'unclassified') q = q.where('type', 'is', null);
  else if (query.type) q = q.where('type', '=', query.type);
  // Intents are stored as a JSON array of codes: a code is matched with its quotes, so no code matches a longer one.
  if (query.intent) q = q.where('intents', 'like', `%"${query.intent}"%`);
  if (query.queue) q = q.where('queue_code', '=', query.queue);
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  if (query.rated !== undefined) q = q.where('satisfaction', query.rated ? 'is not' : 'is', null);
  if (query.hostile !== undefined) q = q.where('hostile', '=', query.hostile ? 1 : 0);
  if (query.agentId) q = q.where('agent_id', '=', query.agentId);
  if (query.answered !== undefined) {
    q = q.where((eb) => {
      const answered = eb.and([
        eb('queued_at', 'is not', null),
        eb('accepted_at', 'is not', null),
        eb('accepted_at', '>=', eb.ref('queued_at')),
      ]);
      return query.answered ? answered : eb.not(answered);
    });
  }
  if (query.abandoned !== undefined) {
    q = q.where((eb) => {
      const abandoned = eb.and([
        eb('status', '=', 'closed'),
        eb('outcome', '=', 'abandoned'),
        eb('queued_at', 'is not', null),
        eb.or([eb('accepted_at', 'is', null), eb('accepted_at', '<', eb.ref('queued_at'))]),
      ]);
      return query.abandoned ? abandoned : eb.not(abandoned);
    });
  }

  const ordered = q.orderBy(at, 'desc').orderBy('id', 'desc');
  let total: number;
  let rows: Row[];
  const within = query.answeredWithin;
  const missed = query.missedWithin;
  if (within === undefined && missed === undefined) {
    total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    rows = await ordered.select(COLUMNS).limit(query.limit).offset(query.offset).execute();
  } else {
    // Seconds between two instants are compared here, not in SQL (no date arithmetic both databases share):
    // the candidates are the contacts of the range, read with only what the comparison needs.
    const seconds = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;
    const candidates = await ordered
      .select(['id', 'queued_at', 'accepted_at', 'status', 'outcome'])
      .where('queued_at', 'is not', null)
      .execute();
    const keep = candidates.filter((r) => {
      const queuedAt = r.queued_at as string;
      const answeredIn = wasAnswered(r) ? seconds(queuedAt, r.accepted_at as string) : null;
      if (within !== undefined && !(answeredIn !== null && answeredIn <= within)) return false;
      if (missed !== undefined) {
        const late = answeredIn !== null && answeredIn > missed;
        const left = answeredIn === null && r.status === 'closed' && r.outcome === 'abandoned';
        const stillWaiting = r.status === 'waiting' && seconds(queuedAt, now.toISOString()) > missed;
        if (!late && !left && !stillWaiting) return false;
      }
      return true;
    });
    total = keep.length;
    const pageIds = keep.slice(query.offset, query.offset + query.limit).map((r) => r.id);
    const byId = new Map(
      pageIds.length === 0
        ? []
        : (await ctx.db.selectFrom('contacts').select(COLUMNS).where('id', 'in', pageIds).execute()).map((r) => [
            r.id,
            r,
          ]),
    );
    rows = pageIds.flatMap((id) => byId.get(id) ?? []);
  }

  const agentIds = [...new Set(rows.flatMap((r) => (r.agent_id ? [r.agent_id] : [])))];
  const agents = new Map(
    [...(await staffByIds(ctx.db, agentIds)).values()].map((u) => [
      u.id,
      { displayName: u.displayName, agentNo: u.agentNo },
    ]),
  );
  const items = rows.map((r) => toItem(ctx, r, agents, now));
  // A list of contacts shows masked caller numbers of several customers: the read is recorded.
  await audit(ctx, {
    action: 'contact.list',
    entityType: 'contact',
    details: {
      count: items.length,
      total,
      filter: Object.fromEntries(Object.entries({ ...query, from, to }).filter(([, v]) => v !== undefined)),
    },
  });
  return { items, total };
}

function toItem(
  ctx: Ctx,
  r: Row,
  agents: Map<string, { displayName: string; agentNo: string | null }>,
  now: Date,
): SupervisorContact {
  const end = wasAnswered(r) ? r.accepted_at : r.status === 'waiting' ? now.toISOString() : r.closed_at;
  return {
    id: r.id,
    channel: r.channel as Channel,
    status: r.status as ContactStatus,
    type: r.type as ContactType | null,
    intents: parseIntents(r.intents),
    queueCode: r.queue_code,
    agent: (r.agent_id && agents.get(r.agent_id)) || null,
    callerNumberMasked: r.caller_number_enc
      ? maskPhone(ctx.keyring.decrypt(r.caller_number_enc, 'contacts.caller_number'))
      : null,
    startedAt: r.started_at,
    queuedAt: r.queued_at,
    acceptedAt: r.accepted_at,
    closedAt: r.closed_at,
    waitSeconds:
      r.queued_at && end ? Math.max(0, Math.round((Date.parse(end) - Date.parse(r.queued_at)) / 1000)) : null,
    outcome: r.outcome as ContactOutcome | null,
    satisfaction: r.satisfaction,
    hostile: r.hostile === 1,
  };
}
