import type { BotHandoverReason, BotMetrics } from '@carddesk/contracts';
import { authorize } from '../../platform/auth/policy.ts';
import { addDays, bankDate, bankDayStart, daysBetween } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type ContactStart, contactsStartedBetween } from '../contacts/index.ts';

/** Contained: no contact from the same customer within this many days after the chat. */
export const REPEAT_DAYS = 7;
const MAX_DAYS = 366;

/**
 * The assistant measured (issue 20 §6) over the chats it took that started in [from, to] (bank dates),
 * all derived from the rows (no counters to drift):
 * - containment: chats the assistant closed itself (the customer ended them while it served them, no
 *   hand-over) with no other contact of the same customer, on any channel, within `REPEAT_DAYS` days of
 *   the chat's end — counted as far as known when asked — over all the chats it took;
 * - hand-overs by reason (`botSummary.reason`);
 * - the customers' wrong-answer reports over the answers the assistant gave (FAQ or operation);
 * - satisfaction (the customer's 1–5 rating) of the chats the assistant closed against the chats a person
 *   handled (handed over, or straight to a person) in the same period.
 */
export async function botMetrics(
  ctx: Ctx,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<BotMetrics> {
  authorize(ctx.actor, 'contacts.stats');
  const to = input.to ?? bankDate(ctx.clock.now());
  const from = input.from ?? addDays(to, -29);
  const span = daysBetween(from, to);
  if (Number.isNaN(span) || span < 0 || span >= MAX_DAYS) throw new AppError('STATS_RANGE_INVALID');
  const fromIso = bankDayStart(from).toISOString();
  const toIso = bankDayStart(addDays(to, 1)).toISOString();
  // Contacts after the period too: a repeat contact of a chat near its end comes later.
  const later = new Date(new Date(toIso).getTime() + REPEAT_DAYS * 86_400_000).toISOString();
  const contacts = await contactsStartedBetween(ctx.db, fromIso, later);
  const inPeriod = contacts.filter((c) => c.startedAt < toIso);
  const botChats = inPeriod.filter((c) => c.channel === 'chat' && c.botState !== null);

  const startsByCustomer = new Map<string, ContactStart[]>();
  for (const c of contacts) {
    if (!c.customerId) continue;
    const list = startsByCustomer.get(c.customerId) ?? [];
    list.push(c);
    startsByCustomer.set(c.customerId, list);
  }
  const repeated = (c: ContactStart) => {
    const end = c.closedAt ?? c.startedAt;
    const until = new Date(new Date(end).getTime() + REPEAT_DAYS * 86_400_000).toISOString();
    return (startsByCustomer.get(c.customerId ?? '') ?? []).some(
      (o) => o.id !== c.id && o.startedAt > c.startedAt && o.startedAt <= until,
    );
  };
  const closedByBot = botChats.filter((c) => c.botState === 'bot' && c.status === 'closed');
  const contained = closedByBot.filter((c) => !repeated(c));
  const handedOver = botChats.filter((c) => c.botState === 'handed_over');
  const reasons = new Map<BotHandoverReason, number>();
  for (const c of handedOver)
    if (c.handoverReason) reasons.set(c.handoverReason, (reasons.get(c.handoverReason) ?? 0) + 1);

  // The assistant's answers and their reports, in the chats it took in the period (its own tables).
  const conversations = await ctx.db
    .selectFrom('bot_conversations')
    .select(['contact_id', 'memory'])
    .where('created_at', '>=', fromIso)
    .where('created_at', '<', toIso)
    .execute();
  let answers = 0;
  for (const c of conversations) answers += ((JSON.parse(c.memory) as { answers?: unknown[] }).answers ?? []).length;
  const reports = await ctx.db
    .selectFrom('bot_answer_reports')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(
      'contact_id',
      'in',
      ctx.db
        .selectFrom('bot_conversations')
        .select('contact_id')
        .where('created_at', '>=', fromIso)
        .where('created_at', '<', toIso),
    )
    .executeTakeFirst();
  const wrongReports = Number(reports?.n ?? 0);

  const rating = (list: ContactStart[]) => {
    const rated = list.filter((c) => c.satisfaction !== null);
    const sum = rated.reduce((s, c) => s + (c.satisfaction ?? 0), 0);
    return { rated: rated.length, average: rated.length ? Math.round((sum / rated.length) * 100) / 100 : null };
  };
  const byPerson = inPeriod.filter((c) => c.channel === 'chat' && c.agentId !== null);
  const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : 0);
  return {
    from,
    to,
    chats: botChats.length,
    closedByBot: closedByBot.length,
    contained: contained.length,
    containmentRate: rate(contained.length, botChats.length),
    handedOver: handedOver.length,
    handoverReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    answers,
    wrongReports,
    wrongReportRate: rate(wrongReports, answers),
    satisfaction: { bot: rating(closedByBot), person: rating(byPerson) },
  };
}
