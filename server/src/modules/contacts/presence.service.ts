import type { AgentPresence, AgentState } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction, lockName } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import type { AgentPresenceTable } from './contacts.tables.ts';
import { loadConfig } from './settings.ts';

/**
 * Agent states (示闲 ready / 示忙 not_ready / 小休 break / 话后整理 wrap_up). An agent without a row is
 * ready (the desk as it was before states existed). Wrap-up starts by itself when the agent closes a
 * contact and ends by itself after `desk.wrapUpSeconds` (by `ctx.clock`): the state is computed, not swept.
 * Only a ready agent is offered the next contact (`requireReady`, used by "接入下一位").
 */
export type { AgentState };

/** The state as of `now`: an expired wrap-up is ready again, since the moment it ended. */
export function effectiveState(row: AgentPresenceTable | undefined, now: string): AgentState {
  if (!row) return { state: 'ready', reason: null, since: null, until: null };
  if (row.state === 'wrap_up' && row.until !== null && row.until <= now) {
    return { state: 'ready', reason: null, since: row.until, until: null };
  }
  return { state: row.state as AgentPresence, reason: row.reason, since: row.since, until: row.until };
}

export async function presenceRows(
  db: Executor,
  userIds?: readonly string[],
): Promise<Map<string, AgentPresenceTable>> {
  let q = db.selectFrom('agent_presence').selectAll();
  if (userIds) {
    if (userIds.length === 0) return new Map();
    q = q.where('user_id', 'in', userIds);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.user_id, r]));
}

export async function myState(ctx: Ctx): Promise<AgentState> {
  authorize(ctx.actor, 'contacts.handle');
  const rows = await presenceRows(ctx.db, [ctx.actor.userId ?? '']);
  return effectiveState(rows.get(ctx.actor.userId ?? ''), ctx.clock.now().toISOString());
}

async function store(ctx: Ctx, state: AgentPresence, reason: string | null, until: string | null): Promise<AgentState> {
  const userId = ctx.actor.userId ?? '';
  const now = ctx.clock.now().toISOString();
  const row = { state, reason, since: now, until, updated_at: now };
  await ctx.db
    .insertInto('agent_presence')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
  publishEvent(ctx, `user:${userId}`, 'presence.changed', { state });
  return { state, reason, since: now, until };
}

function wrapUpUntil(ctx: Ctx, seconds: number): string {
  return new Date(ctx.clock.now().getTime() + seconds * 1000).toISOString();
}

/** `PUT /api/me/state`: the agent sets their own state, with an optional reason code; audited. */
export async function setMyState(
  ctx: Ctx,
  input: { state: AgentPresence; reason?: string | undefined },
): Promise<AgentState> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const config = await loadConfig(tctx);
    const until = input.state === 'wrap_up' ? wrapUpUntil(ctx, config.desk.wrapUpSeconds) : null;
    // The reason is a code from the desk's list, but the API takes any short text: scrubbed like all stored text.
    const reason = input.reason === undefined ? null : scrubText(input.reason);
    const next = await store(tctx, input.state, reason, until);
    await audit(tctx, {
      action: 'agent.state',
      entityType: 'user',
      entityId: ctx.actor.userId ?? '',
      details: { state: input.state, reason },
    });
    return next;
  });
}

/**
 * A contact the agent handled closed: wrap-up starts (in the caller's transaction) unless the agent had
 * already set themselves not ready or on a break, which stands.
 */
export async function startWrapUp(ctx: Ctx, userId: string): Promise<void> {
  if (ctx.actor.userId !== userId) return;
  const now = ctx.clock.now().toISOString();
  const current = effectiveState((await presenceRows(ctx.db, [userId])).get(userId), now);
  if (current.state === 'not_ready' || current.state === 'break') return;
  const config = await loadConfig(ctx);
  if (config.desk.wrapUpSeconds === 0) return;
  await store(ctx, 'wrap_up', null, wrapUpUntil(ctx, config.desk.wrapUpSeconds));
}

/** Refuses the next contact to an agent who is not ready (not ready, on a break or in wrap-up). */
export async function requireReady(ctx: Ctx): Promise<void> {
  const state = await myState(ctx);
  if (state.state !== 'ready') throw new AppError('AGENT_NOT_READY', { details: { state: state.state } });
}

/** Refuses one more chat to an agent already handling `desk.maxConcurrentChats` chats. */
export async function requireChatRoom(ctx: Ctx, channel: string): Promise<void> {
  if (channel !== 'chat') return;
  // Two accepts at once would each count the chats before the other's is written: the agent's lock
  // (held to the end of the taking transaction) makes the second count after the first has taken its chat.
  await lockName(ctx.db, `chat-room:${ctx.actor.userId ?? ''}`);
  const [config, row] = await Promise.all([
    loadConfig(ctx),
    ctx.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agent_id', '=', ctx.actor.userId ?? '')
      .where('status', '=', 'active')
      .where('channel', '=', 'chat')
      .executeTakeFirst(),
  ]);
  const open = Number(row?.n ?? 0);
  if (open >= config.desk.maxConcurrentChats) {
    throw new AppError('CHAT_LIMIT_REACHED', { details: { open, limit: config.desk.maxConcurrentChats } });
  }
}
