import { listStaff } from '../../platform/auth/staff.ts';
import { addDays, bankDate, type Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { departmentByCode } from '../../platform/departments.ts';
import { mulberry32 } from '../../platform/random.ts';
import { listCustomerIds } from '../cards/index.ts';
import type { DemoSeedOptions } from '../module.ts';
import type { CaseRow } from './case.repository.ts';
import { createCaseRecord } from './case.service.ts';
import {
  acceptCase,
  assignCase,
  closeCase,
  notifyResult,
  recordFeedback,
  referCase,
  resolveCase,
} from './case-workflow.service.ts';
import { markComplex } from './clock.service.ts';

/**
 * Demo complaints: a few dozen across causes, products, departments, channels and months — most closed
 * in time, some late, some still open near or past their deadline — and one fraud case. Deterministic for
 * a seed; a handful when the demo is tiny (tests).
 */
const TEMPLATES = [
  {
    category: 'complaint_fee',
    cause: 'fee_pricing',
    dept: 'disputes',
    summary: '客户对本期账单中的年费收取有异议,称已满足刷卡次数减免条件',
    demand: '退还年费',
  },
  {
    category: 'complaint_service',
    cause: 'staff_conduct',
    dept: 'senior_agents',
    summary: '客户反映上次来电时坐席态度生硬,未解释清楚分期费用',
    demand: '道歉并解释清楚',
  },
  {
    category: 'complaint_collection',
    cause: 'collection',
    dept: 'collections',
    summary: '客户称第三方催收人员频繁致电其亲友',
    demand: '停止联系亲友,规范催收',
  },
  {
    category: 'complaint_marketing',
    cause: 'marketing',
    dept: 'senior_agents',
    summary: '客户多次收到分期营销短信,退订后仍继续收到',
    demand: '停止营销短信',
  },
  {
    category: 'transaction_dispute',
    cause: 'third_party',
    dept: 'disputes',
    summary: '客户称一笔网购已退货但退款一直未到账',
    demand: '尽快退款',
  },
  {
    category: 'card_delivery',
    cause: 'process',
    dept: 'card_production',
    summary: '客户补卡后两周仍未收到新卡',
    demand: '尽快寄送新卡',
  },
  {
    category: 'interest_fee_query',
    cause: 'information_disclosure',
    dept: 'disputes',
    summary: '客户认为办理分期时未被告知年化利率',
    demand: '说明年化利率并减免部分费用',
  },
  {
    category: 'complaint_service',
    cause: 'system',
    dept: 'senior_agents',
    summary: '客户反映手机银行还款多次失败导致逾期',
    demand: '消除逾期记录并减免违约金',
  },
] as const;
const PRODUCTS = ['STD', 'GOLD', 'PLAT', 'AIR'] as const;
const CHANNELS = ['phone', 'phone', 'chat', 'app', 'branch', 'regulator'] as const;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const fixedClock = (at: Date): Clock => ({ now: () => at });
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

async function demoCustomerIds(ctx: Ctx): Promise<string[]> {
  try {
    return await listCustomerIds(ctx.db, 500);
  } catch {
    // The card engine's customers are not there (the cases module seeded on its own): nothing to attach to.
    return [];
  }
}

/** `customerIds` defaults to the card engine's demo customers. */
export async function seedCasesDemo(
  ctx: Ctx,
  options: DemoSeedOptions,
  customerIds?: readonly string[],
): Promise<void> {
  const customers = customerIds ?? (await demoCustomerIds(ctx));
  if (customers.length === 0) return;
  const users = await listStaff(ctx.db);
  const userId = (name: string) => users.find((u) => u.username === name)?.id ?? null;
  const agentId = userId('agent');
  const r = mulberry32(options.seed);
  const count = Math.min(40, Math.max(6, Math.floor(options.customers * 0.12)));
  const todayDate = bankDate(ctx.clock.now());
  const spanDays = Math.max(20, options.months * 30);
  // A few customers complain more than once: the analysis shows repeat complainants.
  const pool = customers.slice(0, Math.max(3, Math.floor(customers.length * 0.6)));

  for (let i = 0; i < count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length] as (typeof TEMPLATES)[number];
    // The newest few are the live ones: near or past their deadline; the rest spread over the months.
    const ageDays = i < 3 ? ([13, 17, 5][i] ?? 5) : 3 + Math.floor(r() * spanDays);
    const received = addDays(todayDate, -ageDays);
    const c = (clockDate: string, hour = 10): Ctx => ({ ...ctx, clock: fixedClock(at(clockDate, hour)) });
    let row: CaseRow = await createCaseRecord(c(received, 9 + (i % 8)), {
      kind: 'complaint',
      customerId: pick(r, i % 4 === 0 ? pool.slice(0, 3) : pool),
      channel: pick(r, CHANNELS),
      productCode: pick(r, PRODUCTS),
      category: t.category,
      summary: t.summary,
      demand: t.demand,
      ownerId: agentId,
      firstAgentId: agentId,
      priority: 'normal',
      state: 'received',
    });
    const refer = r() < 0.6;
    if (refer) {
      row = await referredTo(c(received, 16), row, t.dept, addDays(received, 10));
      const handler = t.dept === 'disputes' ? userId('dept_handler') : null;
      row = await asRow(
        handler ? assignCase(c(addDays(received, 1)), row.id, handler) : acceptCase(c(addDays(received, 1)), row.id),
        row,
      );
    }
    if (i < 3) continue; // open: near or past the deadline
    if (r() < 0.15) {
      await markComplex(c(addDays(received, 2)), row.id, '涉及多笔交易及第三方商户,需调取材料');
    }
    const late = r() < 0.12;
    const decisionDay = Math.min(ageDays - 1, late ? 16 + Math.floor(r() * 6) : 1 + Math.floor(r() * 12));
    const decided = addDays(received, Math.max(0, decisionDay));
    await resolveCase(c(decided, 15), row.id, '经核实,已按客户诉求处理并向客户说明原因');
    if (ageDays - decisionDay < 2) continue; // decided, customer not yet told
    await notifyResult(c(decided, 17), row.id);
    const feedback = r() < 0.8 ? 'satisfied' : r() < 0.5 ? 'unsatisfied' : 'no_answer';
    await recordFeedback(c(addDays(decided, 1), 11), row.id, feedback);
    await closeCase(c(addDays(decided, 1), 12), row.id, {
      rootCause: t.cause,
      remediation: '已向相关部门反馈并优化流程',
    });
  }

  // One fraud case with the risk department.
  const fraudAt = addDays(todayDate, -2);
  await createCaseRecord(
    { ...ctx, clock: fixedClock(at(fraudAt, 20)) },
    {
      kind: 'fraud',
      customerId: customers[0] as string,
      channel: 'phone',
      productCode: 'GOLD',
      category: 'fraud_report',
      summary: '客户卡片遗失后发现两笔非本人境外网上消费',
      demand: '冻结卡片,追回非本人交易资金',
      firstAgentId: agentId,
      departmentId: (await departmentByCode(ctx.db, 'fraud_risk'))?.id ?? null,
      priority: 'urgent',
      state: 'referred',
    },
  );
}

async function referredTo(ctx: Ctx, row: CaseRow, dept: string, promised: string): Promise<CaseRow> {
  const promisedDate = promised > row.due_date ? row.due_date : promised;
  return asRow(
    referCase(ctx, row.id, {
      department: dept,
      promisedDate,
      handover: {
        whatWasSaid: row.summary,
        whatWasDone: '已安抚客户并记录诉求',
        verification: '来电号码+身份证后六位',
      },
    }),
    row,
  );
}

async function asRow(p: Promise<{ state: string; ownerId: string | null }>, row: CaseRow): Promise<CaseRow> {
  const dto = await p;
  return { ...row, state: dto.state, owner_id: dto.ownerId };
}
