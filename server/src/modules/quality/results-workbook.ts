/**
 * Inspection results as an Excel workbook for the QA lead and the supervisor: one row per inspected contact
 * (agent, channel, score, passed / fatal, each item's result), Chinese headings, Beijing time named.
 */
import type ExcelJS from 'exceljs';
import { authorize } from '../../platform/auth/policy.ts';
import { staffByIds } from '../../platform/auth/staff.ts';
import { bankDateTime } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { scorecardSchema } from './engine/scorecard.ts';
import { inspectionsInPeriod } from './portal.service.ts';

const CHANNEL: Record<string, string> = { phone: '电话', chat: '在线' };
const RESULT: Record<string, string> = { pass: '通过', fail: '不通过', 'n/a': '不适用' };
const STATUS: Record<string, string> = { auto: '自动', queued: '待复核', reviewed: '已复核', released: '已发布' };
const TIME_HEADER = '质检时间(北京时间 UTC+8)';

export async function qaResultsWorkbook(
  ctx: Ctx,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<Buffer> {
  authorize(ctx.actor, 'qa.inspect');
  const { inspections, findings } = await inspectionsInPeriod(ctx, query);
  const byInspection = new Map<string, Map<string, string>>();
  for (const f of findings) {
    const m = byInspection.get(f.inspection_id) ?? new Map<string, string>();
    m.set(f.item_code, f.result);
    byInspection.set(f.inspection_id, m);
  }
  // Item columns in scorecard order, titled as the scorecards title them.
  const items = new Map<string, string>();
  const versionIds = [...new Set(inspections.map((i) => i.scorecard_version_id))];
  if (versionIds.length) {
    for (const v of await ctx.db
      .selectFrom('qa_scorecard_versions')
      .select('definition')
      .where('id', 'in', versionIds)
      .execute()) {
      const parsed = scorecardSchema.safeParse(JSON.parse(v.definition));
      if (parsed.success) for (const it of parsed.data.items) if (!items.has(it.code)) items.set(it.code, it.title);
    }
  }
  for (const f of findings) if (!items.has(f.item_code)) items.set(f.item_code, f.item_code);
  const staff = await staffByIds(
    ctx.db,
    inspections.map((i) => i.agent_id).filter((a): a is string => a !== null),
  );

  // Loaded on the first export, not at start (as the complaint analysis export does).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const now = ctx.clock.now();
  wb.creator = 'CardDesk';
  wb.created = now;
  const ws = wb.addWorksheet('质检结果');
  const columns: Partial<ExcelJS.Column>[] = [
    { header: TIME_HEADER, key: 'at', width: 22 },
    { header: '联络编号', key: 'contact', width: 30 },
    { header: '坐席工号', key: 'agentNo', width: 10 },
    { header: '坐席姓名', key: 'agent', width: 12 },
    { header: '渠道', key: 'channel', width: 8 },
    { header: '得分', key: 'score', width: 8 },
    { header: '是否合格', key: 'passed', width: 10 },
    { header: '致命项', key: 'fatal', width: 8 },
    { header: '状态', key: 'status', width: 10 },
    ...[...items].map(([code, title]) => ({
      header: title,
      key: `item:${code}`,
      width: Math.max(10, title.length * 2),
    })),
  ];
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  for (const i of inspections) {
    const results = byInspection.get(i.id);
    const row: Record<string, string | number> = {
      at: bankDateTime(new Date(i.created_at)),
      contact: i.contact_id ?? i.external_id ?? i.id,
      agentNo: i.agent_no ?? '',
      agent: (i.agent_id && staff.get(i.agent_id)?.displayName) || '',
      channel: CHANNEL[i.channel] ?? i.channel,
      score: i.score_tenths / 10,
      passed: i.passed === 1 ? '合格' : '不合格',
      fatal: i.fatal === 1 ? '是' : '否',
      status: STATUS[i.status] ?? i.status,
    };
    for (const code of items.keys()) {
      const r = results?.get(code);
      row[`item:${code}`] = r ? (RESULT[r] ?? r) : '';
    }
    ws.addRow(row);
  }
  ws.getColumn('score').numFmt = '0.0';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const about = wb.addWorksheet('说明');
  about.columns = [
    { header: '项目', key: 'k', width: 26 },
    { header: '数值', key: 'v', width: 30 },
  ];
  about.getRow(1).font = { bold: true };
  about.addRow({ k: '统计期间', v: `${query.from ?? '不限'} 至 ${query.to ?? '不限'}` });
  about.addRow({ k: '质检量', v: inspections.length });
  about.addRow({ k: '生成时间(北京时间 UTC+8)', v: bankDateTime(now) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
