import type ExcelJS from 'exceljs';
import { bankDateTime } from '../../platform/clock.ts';
import type { Analysis, Bucket } from './analysis.ts';

/** The complaint analysis as an Excel workbook: one sheet per grouping, Chinese headings. */
const COLUMNS: { header: string; key: keyof Bucket; width: number }[] = [
  { header: '分类', key: 'label', width: 22 },
  { header: '代码', key: 'key', width: 22 },
  { header: '投诉量', key: 'total', width: 10 },
  { header: '处理中', key: 'open', width: 10 },
  { header: '已结案', key: 'closed', width: 10 },
  { header: '已作出决定', key: 'decided', width: 12 },
  { header: '按时决定', key: 'decidedOnTime', width: 12 },
  { header: '超时', key: 'breached', width: 10 },
  { header: '时效达标率', key: 'slaRate', width: 12 },
  { header: '满意', key: 'satisfied', width: 10 },
  { header: '不满意', key: 'unsatisfied', width: 10 },
];

function addBucketSheet(wb: ExcelJS.Workbook, name: string, buckets: readonly Bucket[]): void {
  const ws = wb.addWorksheet(name);
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const b of buckets) ws.addRow(b);
  ws.getColumn('slaRate').numFmt = '0.0%';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function analysisWorkbook(a: Analysis, generatedAt: string): Promise<Buffer> {
  // Loaded on the first export, not at start: the library and its dependencies take about 30 MB of
  // memory that a server which never exports need not hold.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'CardDesk';
  wb.created = new Date(generatedAt);
  const summary = wb.addWorksheet('概览');
  summary.columns = [
    { header: '项目', key: 'k', width: 26 },
    { header: '数值', key: 'v', width: 26 },
  ];
  summary.getRow(1).font = { bold: true };
  const t = a.totals;
  const lines: [string, string | number | null][] = [
    ['统计期间', `${a.from} 至 ${a.to}`],
    ['投诉总量', t.total],
    ['处理中', t.open],
    ['已结案', t.closed],
    ['当场解决', t.resolvedOnSpot],
    ['按时作出决定', t.decidedOnTime],
    ['超时', t.breached],
    ['时效达标率', t.slaRate],
    ['重新处理', t.reopened],
    ['申请核查', t.reviewRequested],
    ['重复投诉客户数', a.repeatComplainants.count],
    ['重复投诉客户的投诉量', a.repeatComplainants.complaints],
    ['生成时间(北京时间 UTC+8)', bankDateTime(new Date(generatedAt))],
  ];
  for (const [k, v] of lines) summary.addRow({ k, v });
  addBucketSheet(wb, '按根因', a.byRootCause);
  addBucketSheet(wb, '按产品', a.byProduct);
  addBucketSheet(wb, '按部门', a.byDepartment);
  addBucketSheet(wb, '按渠道', a.byChannel);
  addBucketSheet(wb, '按投诉类别', a.byCategory);
  addBucketSheet(wb, '按月份', a.byMonth);
  const repeat = wb.addWorksheet('重复投诉客户');
  repeat.columns = [
    { header: '客户编号', key: 'customerId', width: 30 },
    { header: '投诉次数', key: 'complaints', width: 12 },
  ];
  repeat.getRow(1).font = { bold: true };
  for (const r of a.repeatComplainants.top) repeat.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
