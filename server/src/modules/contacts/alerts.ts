import type { AlertKind, SupervisorAlert } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';

/** What supervisors are told: an agent's run of hostile contacts (guide §1.3), a missed promise. */
export const SUPERVISOR_TOPIC = 'supervisor';
export type { AlertKind };
export type AlertView = SupervisorAlert;

/** Stores the alert in the caller's transaction and tells the supervisors' live view after commit. */
export async function raiseAlert(
  ctx: Ctx,
  input: { kind: AlertKind; userId: string | null; subjectId: string | null; details: Record<string, unknown> },
): Promise<AlertView> {
  const row = {
    id: newId(ctx.clock.now()),
    kind: input.kind,
    user_id: input.userId,
    subject_id: input.subjectId,
    details: JSON.stringify(input.details),
    created_at: ctx.clock.now().toISOString(),
    acknowledged_at: null,
    acknowledged_by: null,
  };
  await ctx.db.insertInto('supervisor_alerts').values(row).execute();
  const view = alertView(row);
  publishEvent(ctx, SUPERVISOR_TOPIC, `alert.${input.kind}`, view);
  return view;
}

function alertView(r: {
  id: string;
  kind: string;
  user_id: string | null;
  subject_id: string | null;
  details: string;
  created_at: string;
  acknowledged_at: string | null;
}): AlertView {
  return {
    id: r.id,
    kind: r.kind as AlertKind,
    userId: r.user_id,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
  };
}

export async function listAlerts(ctx: Ctx, input: { open: boolean }): Promise<AlertView[]> {
  authorize(ctx.actor, 'contacts.supervise');
  let q = ctx.db.selectFrom('supervisor_alerts').selectAll();
  if (input.open) q = q.where('acknowledged_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
  return rows.map(alertView);
}

export async function acknowledgeAlert(ctx: Ctx, id: string): Promise<AlertView> {
  authorize(ctx.actor, 'contacts.supervise');
  return inTransaction(ctx, async (tctx) => {
    const row = await tctx.db.selectFrom('supervisor_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('ALERT_NOT_FOUND');
    if (row.acknowledged_at) return alertView(row);
    const set = { acknowledged_at: ctx.clock.now().toISOString(), acknowledged_by: ctx.actor.userId };
    await tctx.db.updateTable('supervisor_alerts').set(set).where('id', '=', id).execute();
    await audit(tctx, {
      action: 'alert.acknowledge',
      entityType: 'supervisor_alert',
      entityId: id,
      details: { kind: row.kind },
    });
    return alertView({ ...row, ...set });
  });
}
