import { type BotRouting, botRoutingSchema } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';

/**
 * Who answers first, per channel and time of day: the chat assistant (`bot`) or a person (`person`).
 * A window names a time of day in Beijing time (`from` inclusive, `to` exclusive; `22:00`–`08:00` runs
 * over midnight); the first window containing the moment decides, else the channel's default. Chat starts
 * with the assistant by default; the phone desk has no assistant yet, so it defaults to a person.
 */
export { type BotRouting, botRoutingSchema };
export type FirstResponder = 'bot' | 'person';

export const BOT_ROUTING_KEY = 'bot.routing';
export const DEFAULT_BOT_ROUTING: BotRouting = {
  chat: { default: 'bot', windows: [] },
  phone: { default: 'person', windows: [] },
};

export async function loadBotRouting(ctx: Ctx): Promise<BotRouting> {
  const stored = await readSetting(ctx, BOT_ROUTING_KEY);
  const parsed = botRoutingSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_BOT_ROUTING;
}

/** The routing as the admin screen edits it (admins, like every other setting). */
export async function readBotRouting(ctx: Ctx): Promise<BotRouting> {
  authorize(ctx.actor, 'settings.manage');
  return loadBotRouting(ctx);
}

/** Minutes since midnight, Beijing time (UTC+8, no daylight saving). */
function beijingMinutes(at: Date): number {
  const t = new Date(at.getTime() + 8 * 3_600_000);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function firstResponder(routing: BotRouting, channel: 'chat' | 'phone', at: Date): FirstResponder {
  const c = routing[channel];
  const m = beijingMinutes(at);
  for (const w of c.windows) {
    const from = minutesOf(w.from);
    const to = minutesOf(w.to);
    const inside = from <= to ? m >= from && m < to : m >= from || m < to;
    if (inside) return w.mode;
  }
  return c.default;
}

/** Changes the routing (admins, like every other setting); audited with the new value. */
export async function setBotRouting(ctx: Ctx, routing: BotRouting): Promise<BotRouting> {
  authorize(ctx.actor, 'settings.manage');
  const value = botRoutingSchema.parse(routing);
  return inTransaction(ctx, async (tctx) => {
    await writeSetting(tctx, BOT_ROUTING_KEY, value);
    await audit(tctx, {
      action: 'bot.routing_update',
      entityType: 'settings',
      entityId: BOT_ROUTING_KEY,
      details: { routing: value },
    });
    return value;
  });
}
