/**
 * Choosing the assistant's operating point on the real dev split. `npm run bench:bot -- --split dev --dump
 * dev.jsonl` stores each dev row's NLU reading (the held-out model's) and FAQ match; this script replays the
 * assistant's own decision (`handOverMove`, `planQuestion` of `reply-plan.rules.ts`) on them for every point of
 * a grid of thresholds, judges each reply as the benchmark does, and prints the points with the most right
 * answers among those at or under the wrong-answer budget. Dev rows only: the dump refuses any other split.
 *
 *   node --import tsx bench/bot/tune.ts dev.jsonl [--budget 0.04]
 */
import { readFileSync } from 'node:fs';
import { INTENTS } from '@carddesk/contracts';
import { FAQ_TRUST, handOverMove, OPERATION_TRUST, planQuestion } from '../../src/modules/bot/index.ts';
import type { NluAnalysis } from '../../src/modules/nlu/index.ts';

interface Row {
  text: string;
  label: string;
  nlu: NluAnalysis | null;
  matched: {
    none: boolean;
    clarify: unknown;
    matches: Array<{ id: string; title: string; intent: string | null; confidence: number; faqIntent: string | null }>;
  };
}

const args = process.argv.slice(2);
const file = args[0];
if (!file) throw new Error('usage: tune.ts dev.jsonl [--budget 0.04]');
const budget = args.includes('--budget') ? Number(args[args.indexOf('--budget') + 1]) : 0.05;
const rows: Row[] = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Row);

const PERSON = new Set(
  Object.entries(INTENTS)
    .filter(([code, d]) => code === 'human_agent' || d.type === 'complaint' || d.type === 'emergency')
    .map(([code]) => code),
);
const READ_ID: Record<string, string[]> = {
  points_rewards: ['points_rewards'],
  limit_query: ['limit_query'],
  repayment_status: ['repayment_status'],
  statement_query: ['statement_query', 'due_date_min_payment'],
  due_date_min_payment: ['statement_query', 'due_date_min_payment'],
};

type Verdict = 'right' | 'clarified_right' | 'handed_over' | 'not_answered' | 'wrong';

function judge(r: Row): Verdict {
  const oos = r.label === 'out_of_scope';
  const serves = (intents: string[]) => (oos ? 'wrong' : intents.includes(r.label) ? 'right' : 'wrong');
  const move = handOverMove(r.nlu);
  if (move?.kind === 'emergency') return serves(['card_loss_report', 'fraud_report']);
  if (move) return PERSON.has(r.label) || oos ? 'right' : 'handed_over';
  const plan = planQuestion(r.text, r.nlu, r.matched);
  switch (plan.kind) {
    case 'operation':
      return serves(plan.operation === 'card.freeze' ? ['card_freeze'] : ['card_activate']);
    case 'read':
      return serves(READ_ID[plan.intent] ?? []);
    case 'limit_eligibility':
      return serves(['limit_increase']);
    case 'installment':
      return serves(['installment_apply']);
    case 'greeting':
      return r.label === 'greeting' ? 'right' : oos ? 'wrong' : 'not_answered';
    case 'faq_answer':
      return serves([plan.match.faqIntent ?? '']);
    case 'faq_clarify':
      return oos ? 'wrong' : [plan.a.faqIntent, plan.b.faqIntent].includes(r.label) ? 'clarified_right' : 'wrong';
    case 'faq_unknown':
      return oos ? 'right' : 'not_answered';
  }
}

function score() {
  const c: Record<Verdict, number> = { right: 0, clarified_right: 0, handed_over: 0, not_answered: 0, wrong: 0 };
  for (const r of rows) c[judge(r)]++;
  return c;
}

const grid = {
  outOfScopeVeto: [0.1],
  outOfScopeAltVeto: [0.05, 0.1],
  aloneMinConfidence: [1.01],
  agreeingAlternative: [0.15, 0.25],
  answerMinConfidence: [0, 0.1],
  agreeMinNlu: [0.7, 0.75, 0.8, 0.85],
  minMargin: [0],
  clarifyMinPair: (process.env.TUNE_CLARIFY ?? '0.5,0.7,0.9,2').split(',').map(Number),
  clarifyBothAgree: [0, 1],
};
const opGrid = [0.45, 0.55, 0.65, 0.75];
const base = { ...FAQ_TRUST };
const baseOp = OPERATION_TRUST.minConfidence;
const n = rows.length;
const now = score();
console.log(
  `dev rows ${n}; shipped thresholds: right ${(now.right / n).toFixed(3)}, clarified right ${(now.clarified_right / n).toFixed(3)}, wrong ${(now.wrong / n).toFixed(3)}`,
);

type Point = { p: typeof FAQ_TRUST; op: number; c: ReturnType<typeof score> };
const points: Point[] = [];
const keys = Object.keys(grid) as Array<keyof typeof grid>;
function walk(i: number): void {
  if (i === keys.length) {
    for (const op of opGrid) {
      OPERATION_TRUST.minConfidence = op;
      points.push({ p: { ...FAQ_TRUST }, op, c: score() });
    }
    return;
  }
  const k = keys[i] as keyof typeof grid;
  for (const v of grid[k]) {
    FAQ_TRUST[k] = v;
    walk(i + 1);
  }
}
walk(0);
Object.assign(FAQ_TRUST, base);
OPERATION_TRUST.minConfidence = baseOp;

const within = points.filter((x) => x.c.wrong / n <= budget);
within.sort((a, b) => b.c.right - a.c.right || a.c.wrong - b.c.wrong || b.c.clarified_right - a.c.clarified_right);
console.log(`${points.length} points, ${within.length} within wrong ≤ ${(budget * 100).toFixed(1)}%; best:`);
for (const x of within.slice(0, 15)) {
  console.log(
    `right ${((100 * x.c.right) / n).toFixed(1)}%  clar.right ${((100 * x.c.clarified_right) / n).toFixed(1)}%  wrong ${((100 * x.c.wrong) / n).toFixed(1)}%  not answered ${((100 * x.c.not_answered) / n).toFixed(1)}%  op ${x.op}  ${JSON.stringify(x.p)}`,
  );
}
// The frontier: the most right answers at each wrong-answer level.
const frontier = new Map<number, Point>();
for (const x of points) {
  const w = Math.round((1000 * x.c.wrong) / n) / 10;
  const best = frontier.get(w);
  if (!best || x.c.right > best.c.right) frontier.set(w, x);
}
let bestRight = -1;
console.log('frontier (wrong % → right %):');
for (const [w, x] of [...frontier].sort((a, b) => a[0] - b[0])) {
  if (x.c.right <= bestRight) continue;
  bestRight = x.c.right;
  console.log(`  ${w.toFixed(1)} → ${((100 * x.c.right) / n).toFixed(1)}  op ${x.op} ${JSON.stringify(x.p)}`);
}
