/**
 * Builds the pool of real customer questions to be labelled by hand (data/nlu/real/batches/batch-NN.tsv).
 * From the customer questions of ../shared/data/zh-customer/questions.tsv (sources atec-* and afqmc-*):
 *  - a uniform random sample of NATURAL_ROWS rows: the natural distribution, what a desk really receives;
 *  - rows found by keyword seeds for intents that are rare in that sample, taken round-robin across the seeds so
 *    every rare intent gets candidates. The keywords only FIND candidates: every row is labelled by reading it
 *    (LABELLING.md), and many seeded rows turn out to be another intent or out of scope.
 * No two rows of the pool are near-duplicates (character-bigram Jaccard ≥ POOL_NEAR_DUPLICATE). The id of a row
 * is its line number in questions.tsv (the header is line 1), so labels can always be traced back.
 * Deterministic: the same file and seed give the same batches. Writes `batches/batch-NN.tsv` (`id	text	label`,
 * label empty, rows shuffled so each batch mixes natural and seeded rows), then `batches/supplement-NN.tsv` from
 * narrower seeds for the intents the main batches left short, and `pool-origin.tsv` (`id	origin`: `natural`,
 * `seed:<name>` or `rare:<name>`), which keeps the natural sample identifiable for the evaluation split.
 * Existing batch files are never overwritten (they hold the labels); a rerun only checks they list the same ids.
 * Run from `server/`: `node --import tsx scripts/nlu-real-pool.ts [--questions FILE]`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigramJaccard, charBigrams } from '../src/modules/nlu/near-duplicates.ts';
import { mulberry32 } from '../src/platform/random.ts';

const SEED = 16_2026;
const NATURAL_ROWS = 2_400;
const POOL_ROWS = 4_250;
const BATCH_ROWS = 250;
const SUPPLEMENT_ROWS = 500;
/** Natural rows drawn after the test split was fixed: labelled for training and dev only (never test). */
const EXTRA_ROWS = 15_000;
const POOL_NEAR_DUPLICATE = 0.8;

/**
 * Seeds for intents the natural sample hardly contains. Rows naming another product of the source app
 * (借呗, 网商贷, 余额宝) are not seeded: they are out of scope, and the natural sample already carries them.
 */
const SEEDS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['cancel', /销卡|销户|注销|关闭|关掉|取消信用卡|不想用|停用/],
  ['overseas', /境外|国外|外币|出国|海外|美元|汇率|海淘|外国|港币|日元/],
  ['activate', /激活|开卡/],
  ['loss', /挂失|丢了|丢失|被偷|被盗|掉了/],
  ['fraud', /盗刷|盗用|不是我|被骗|骗子|诈骗|陌生|被人/],
  ['freeze', /冻结|解冻|锁定|锁卡|解锁/],
  ['password', /密码/],
  ['annual-fee', /年费/],
  ['points', /积分|返现|奖励/],
  ['benefits', /权益|保险|贵宾|特权|会员|优惠|福利/],
  ['cash', /取现|提现|套现|现金|取钱/],
  ['complaint', /投诉|催收|骚扰|营销|推销|态度|举报|不合理|乱收|坑/],
  ['human', /人工|客服|电话|热线/],
  ['greeting', /你好|谢谢|在吗|您好|再见|感谢|早上好|晚安/],
  ['apply', /申请|办卡|办理信用卡|开通|进度|审核/],
  ['delivery', /邮寄|寄|快递|收到卡|实体卡/],
  ['replace', /补卡|换卡|补办|换一张|到期|新卡|卡片/],
  ['profile', /手机号|号码|地址|邮箱|换绑|改名|身份证/],
  ['autopay', /自动还款|自动扣|扣款顺序|还款顺序/],
  ['limit', /提额|降额|额度/],
  ['installment', /分期|提前还/],
  ['fees', /减免|免息|罚息|免除|手续费|利息|违约金|滞纳金/],
  ['overdue', /逾期|征信|信用记录|黑名单/],
  ['dispute', /退款|退货|两次|重复|多扣|没收到货/],
  ['repayment-status', /还了|已还|已经还|到账|还清/],
  ['due-date', /还款日|最低还|宽限|几号还/],
];
/**
 * Narrower seeds for the intents still short after labelling the main batches, drawn into `supplement-NN.tsv`
 * (seeded rows only). What the whole corpus holds for them is little: these take what there is.
 */
const RARE_SEEDS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['freeze', /暂停|锁定|锁卡|临时关闭/],
  ['limit-decrease', /降额|降低.*额度|额度.*降低|调低|调小|减少额度/],
  ['fee-waiver', /减免|免除|免掉|不收.*(费|利息)|退.*手续费|免罚息/],
  ['fraud', /盗刷|盗用|被盗|不是我|被骗|骗子|诈骗|被人|莫名|不明/],
  ['complaint', /投诉|催收|骚扰|营销|推销|不合理|乱收|乱扣|态度|垃圾/],
  ['human', /人工|转接|真人|机器人|热线|客服电话/],
  ['greeting', /^(你好|您好|谢谢|在吗|再见|感谢)/],
  ['benefits', /权益|保险|特权|贵宾|生日/],
  ['cash', /取现|提现|套现/],
  ['overseas', /境外|国外|海外|出国|外币|汇率/],
];
/**
 * Seeds for the intents the model still answered worst on the real dev split once the natural extra rows were
 * trained on, drawn into `extra-61…` (training and dev only, after everything above). As before, a seed only
 * finds candidates: each row is labelled by what it means, and many turn out to be another intent.
 */
const WEAK_SEEDS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['repayment-status', /还了|已还|已经还|还款.*(没|未|显示|成功)|多还|恢复/],
  ['transaction', /付款|扣款|交易|消费记录|明细|这笔|那笔|付了|支付成功|支付失败/],
  ['installment', /分期/],
  ['apply', /开通|申请|办理|办一张|怎么开/],
  ['unfreeze', /用不了|不能用|无法使用|冻结|被关|付不了|支付不了|不能付款|受限/],
  ['autopay', /自动还|自动扣|扣款顺序/],
  ['limit', /额度/],
  ['statement', /账单|出账/],
  ['application', /开通不了|不能开通|无法开通|审核|被拒|没通过|为什么开不/],
  ['limit-increase', /提额|提高|提升|调高|涨额|加额/],
  ['cancel', /关闭|注销|取消|关掉|不想用|停用|销户/],
  ['overseas', /境外|国外|出国|海外|外币|汇率|美元/],
  ['cash', /取现|提现|套现|现金|取钱/],
  ['overdue', /逾期|征信|晚还|忘了还|没还上/],
];
/** Rows drawn by WEAK_SEEDS. */
const WEAK_ROWS = 1_500;
/** A second round, labelled after the first: the intents still weakest on real dev after it. */
const WEAK_SEEDS_2: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['transaction', /付款|扣款|交易|消费记录|明细|这笔|那笔|付了|支付成功|支付失败|订单|扣了/],
  ['repayment-status', /还了|已还|已经还|还款.*(没|未|显示|成功)|多还|恢复|还清/],
  ['statement', /账单|出账|账单日/],
  ['installment', /分期/],
  ['apply', /开通|申请|办理|怎么开|条件/],
  ['cash', /取现|提现|套现|现金|取钱|转到银行卡|转出/],
];
const WEAK_ROWS_2 = 750;
/** The first file number of those rows (after the natural extra files). */
const WEAK_FIRST_FILE = 61;
const OTHER_PRODUCT = /借呗|网商贷|余额宝/;

interface Row {
  readonly id: number;
  readonly text: string;
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/** The customer questions (atec-*, afqmc-*) with their line numbers; lines whose text holds a tab are skipped. */
function readCustomerQuestions(file: string): Row[] {
  const rows: Row[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const fields = line.split('\t');
      if (index === 0 || fields.length !== 2) return;
      const [text, source] = fields as [string, string];
      if (/^(atec|afqmc)-/.test(source) && text.trim()) rows.push({ id: index + 1, text: text.trim() });
    });
  return rows;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The pool so far, refusing a row that is a near-duplicate of one already taken. */
class Pool {
  readonly rows: Array<Row & { origin: string }> = [];
  private readonly taken = new Set<number>();
  private readonly bigrams: Array<Set<string>> = [];

  add(row: Row, origin: string): boolean {
    if (this.taken.has(row.id)) return false;
    const own = charBigrams(row.text);
    if (own.size === 0 || this.bigrams.some((b) => bigramJaccard(own, b) >= POOL_NEAR_DUPLICATE)) return false;
    this.taken.add(row.id);
    this.bigrams.push(own);
    this.rows.push({ ...row, origin });
    return true;
  }
}

const questionsFile =
  argument('--questions') ?? fileURLToPath(new URL('../../../shared/data/zh-customer/questions.tsv', import.meta.url));
const outDir = new URL('../data/nlu/real/', import.meta.url);
const random = mulberry32(SEED);
const questions = readCustomerQuestions(resolve(questionsFile));
const pool = new Pool();

for (const row of shuffled(questions, random)) {
  if (pool.rows.length >= NATURAL_ROWS) break;
  pool.add(row, 'natural');
}

/** Takes rows found by each seed in turn (round-robin) until the pool holds `target` rows or the seeds run dry. */
function addSeeded(seeds: typeof SEEDS, prefix: string, target: number): void {
  const candidates = seeds.map(([name, pattern]) => ({
    name,
    rows: shuffled(
      questions.filter((q) => pattern.test(q.text) && !OTHER_PRODUCT.test(q.text)),
      random,
    ),
    next: 0,
  }));
  while (pool.rows.length < target && candidates.some((c) => c.next < c.rows.length)) {
    for (const seed of candidates) {
      if (pool.rows.length >= target) break;
      while (seed.next < seed.rows.length && !pool.add(seed.rows[seed.next++] as Row, `${prefix}:${seed.name}`)) {}
    }
  }
}

/**
 * Writes rows as `<stem>-NN.tsv` files of BATCH_ROWS rows with the label column empty. A file that already exists
 * holds labelling work and is never overwritten: it must list the same ids, or the run stops.
 */
function writeBatches(rows: readonly Row[], stem: string, firstFile = 1): void {
  mkdirSync(new URL('batches/', outDir), { recursive: true });
  for (let b = 0; b * BATCH_ROWS < rows.length; b++) {
    const batch = rows.slice(b * BATCH_ROWS, (b + 1) * BATCH_ROWS);
    const file = new URL(`batches/${stem}-${String(b + firstFile).padStart(2, '0')}.tsv`, outDir);
    if (existsSync(file)) {
      const ids = readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t')[0]);
      if (ids.join() !== batch.map((r) => String(r.id)).join())
        throw new Error(`${file.pathname} differs from this run`);
      continue;
    }
    writeFileSync(file, `id\ttext\tlabel\n${batch.map((r) => `${r.id}\t${r.text}\t`).join('\n')}\n`);
  }
}

addSeeded(SEEDS, 'seed', POOL_ROWS);
const main = shuffled(pool.rows, random);
writeBatches(main, 'batch');
// The supplement comes after the main pool is drawn and shuffled, so the batches above stay as they were.
addSeeded(RARE_SEEDS, 'rare', POOL_ROWS + SUPPLEMENT_ROWS);
const supplement = shuffled(pool.rows.slice(main.length), random);
writeBatches(supplement, 'supplement');

// Extra natural rows for training, drawn last so every earlier file stays as it was; the pool's near-duplicate
// rule keeps them below 0.8 of every row above, the test rows included.
const beforeExtra = pool.rows.length;
for (const row of shuffled(questions, random)) {
  if (pool.rows.length >= beforeExtra + EXTRA_ROWS) break;
  pool.add(row, 'extra');
}
writeBatches(pool.rows.slice(beforeExtra), 'extra');
// Seeded rows for the intents still weak after training on those, drawn last again (training and dev only).
const beforeWeak = pool.rows.length;
addSeeded(WEAK_SEEDS, 'weak', beforeWeak + WEAK_ROWS);
writeBatches(shuffled(pool.rows.slice(beforeWeak), random), 'extra', WEAK_FIRST_FILE);
const beforeWeak2 = pool.rows.length;
addSeeded(WEAK_SEEDS_2, 'weak2', beforeWeak2 + WEAK_ROWS_2);
writeBatches(shuffled(pool.rows.slice(beforeWeak2), random), 'extra', WEAK_FIRST_FILE + WEAK_ROWS / BATCH_ROWS);

const byId = [...pool.rows].sort((x, y) => x.id - y.id);
writeFileSync(
  new URL('pool-origin.tsv', outDir),
  `id\torigin\n${byId.map((r) => `${r.id}\t${r.origin}`).join('\n')}\n`,
);

const origins = new Map<string, number>();
for (const r of pool.rows) origins.set(r.origin, (origins.get(r.origin) ?? 0) + 1);
console.log(
  `${questions.length} customer questions; pool ${main.length} rows in batches, ${supplement.length} in supplements, ${beforeWeak - beforeExtra} extra, ${beforeWeak2 - beforeWeak} + ${pool.rows.length - beforeWeak2} weak-intent extra`,
);
for (const [origin, n] of [...origins].sort()) console.log(`  ${origin}: ${n}`);
