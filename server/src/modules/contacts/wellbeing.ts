import type { ContactType } from '@carddesk/contracts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { raiseAlert } from './alerts.ts';
import { isStressful } from './contact.ts';
import { loadConfig } from './settings.ts';

/**
 * Agent well-being (guide §1.3): after each contact an agent closes, look at their last `runLength`
 * closed contacts; when every one was hostile or a complaint, all within the window, tell the supervisor
 * once for that run (a later alert needs a whole new run after the one already reported).
 */
export async function checkWellbeing(ctx: Ctx, agentId: string): Promise<boolean> {
  const config = await loadConfig(ctx);
  const { runLength, windowMinutes } = config.wellbeing;
  const recent = await ctx.db
    .selectFrom('contacts')
    .select(['id', 'hostile', 'type', 'closed_at'])
    .where('closed_by', '=', agentId)
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(runLength)
    .execute();
  if (recent.length < runLength) return false;
  if (!recent.every((c) => isStressful({ hostile: c.hostile === 1, type: c.type as ContactType | null }))) return false;
  const newest = recent[0]?.closed_at ?? '';
  const oldest = recent[recent.length - 1]?.closed_at ?? '';
  if (Date.parse(newest) - Date.parse(oldest) > windowMinutes * 60_000) return false;
  const last = await ctx.db
    .selectFrom('supervisor_alerts')
    .select('created_at')
    .where('kind', '=', 'wellbeing')
    .where('user_id', '=', agentId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  // The run already reported overlaps this one: wait for a fresh run.
  if (last && last.created_at >= oldest) return false;
  const agent = await staffById(ctx.db, agentId);
  await raiseAlert(ctx, {
    kind: 'wellbeing',
    userId: agentId,
    subjectId: recent[0]?.id ?? null,
    details: {
      agentName: agent?.displayName ?? null,
      agentNo: agent?.agentNo ?? null,
      run: recent.length,
      contactIds: recent.map((c) => c.id),
      since: oldest,
    },
  });
  return true;
}
