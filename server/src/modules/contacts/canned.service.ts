import type { CannedReply } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import type { CannedRepliesTable } from './contacts.tables.ts';

/**
 * 常用语: canned chat replies per team. The team is the actor's department (front-line agents without one
 * share `front_line`); everyone who handles contacts reads their team's list, its senior agents and
 * supervisors edit it. Texts are scrubbed like every stored free text.
 */
export const FRONT_LINE_TEAM = 'front_line';

export function teamOf(ctx: Ctx): string {
  return ctx.actor.departmentId ?? FRONT_LINE_TEAM;
}

const view = (r: CannedRepliesTable): CannedReply => ({
  id: r.id,
  title: r.title,
  text: r.text,
  updatedAt: r.updated_at,
});

export async function listCannedReplies(ctx: Ctx): Promise<CannedReply[]> {
  authorize(ctx.actor, 'contacts.handle');
  const rows = await ctx.db
    .selectFrom('canned_replies')
    .selectAll()
    .where('team', '=', teamOf(ctx))
    .orderBy('title')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

export interface CannedInput {
  title: string;
  text: string;
}

export async function saveCannedReply(ctx: Ctx, id: string | null, input: CannedInput): Promise<CannedReply> {
  authorize(ctx.actor, 'contacts.canned_edit');
  return inTransaction(ctx, async (tctx) => {
    const now = ctx.clock.now().toISOString();
    const set = { title: scrubText(input.title), text: scrubText(input.text), updated_at: now };
    let row: CannedRepliesTable;
    if (id) {
      const found = await tctx.db
        .selectFrom('canned_replies')
        .selectAll()
        .where('id', '=', id)
        .where('team', '=', teamOf(ctx))
        .executeTakeFirst();
      if (!found) throw new AppError('CANNED_REPLY_NOT_FOUND');
      await tctx.db.updateTable('canned_replies').set(set).where('id', '=', id).execute();
      row = { ...found, ...set };
    } else {
      row = { id: newId(ctx.clock.now()), team: teamOf(ctx), created_by: ctx.actor.userId, created_at: now, ...set };
      await tctx.db.insertInto('canned_replies').values(row).execute();
    }
    await audit(tctx, {
      action: id ? 'canned_reply.update' : 'canned_reply.create',
      entityType: 'canned_reply',
      entityId: row.id,
      details: { team: row.team, title: row.title },
    });
    return view(row);
  });
}

export async function deleteCannedReply(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'contacts.canned_edit');
  await inTransaction(ctx, async (tctx) => {
    const gone = await tctx.db
      .deleteFrom('canned_replies')
      .where('id', '=', id)
      .where('team', '=', teamOf(ctx))
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new AppError('CANNED_REPLY_NOT_FOUND');
    await audit(tctx, { action: 'canned_reply.delete', entityType: 'canned_reply', entityId: id });
  });
}

/** The demo's front-line replies, so the desk has a list to pick from at first start. */
export const DEMO_CANNED_REPLIES: CannedInput[] = [
  { title: '核身提示', text: '为保障您的账户安全,需要先核实一下您的身份,请提供持卡人姓名和证件号码后六位。' },
  { title: '稍等', text: '好的,请您稍等,我这边马上为您查询。' },
  { title: '还款方式', text: '您可以通过手机银行、网银、自动还款或柜台等方式还款,还款后一般实时入账。' },
  { title: '结束确认', text: '请问还有其他可以帮您的吗?' },
];
