/**
 * Draws the fresh test set of real customer questions (data/nlu/real/batches/fresh-test-NN.tsv): rows labelled
 * after the model work, by reading, and only ever reported on. From the customer questions of
 * ../shared/data/zh-customer/questions.tsv (sources atec-* and afqmc-*) it keeps only rows that
 *  - fall in the reserved bucket (`inFreshTestBucket`: keyed hash of the id mod 10 = 7), a part of the id space
 *    that later training pools leave out, so rows drawn for training after today cannot collide with these;
 *  - are not listed in any file of data/nlu/real present at draw time (batches/*, pool-origin.tsv, second-pass.tsv);
 *  - are below 0.8 character-bigram Jaccard of every pooled row and of each other.
 * From those: FRESH_NATURAL rows uniformly at random (the distribution a desk receives), then FRESH_SEEDED rows
 * found by keyword seeds for the intents that are rare in a natural sample, round-robin across the seeds. The
 * keywords only FIND candidates; every row is labelled by reading it (LABELLING.md). Rows are shuffled and written
 * FILE_ROWS per file with the label column empty, and `fresh-test-origin.tsv` (`id	origin`: `natural` or
 * `seed:<name>`). Deterministic (fixed seed). An existing file is never overwritten (it holds labels): a rerun only
 * checks it lists the same ids — which holds only while the pooled files it excludes are those of the first run.
 * Run from `server/`: `node --import tsx scripts/nlu-real-test2-pool.ts [--questions FILE]`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigramJaccard, charBigrams } from '../src/modules/nlu/near-duplicates.ts';
import { FRESH_TEST_FILES, inFreshTestBucket, REAL_DATA_DIR } from '../src/modules/nlu/real-data.ts';
import { mulberry32 } from '../src/platform/random.ts';

const SEED = 16_2027;
const FRESH_NATURAL = 900;
const FRESH_SEEDED = 500;
const FILE_ROWS = 250;
const POOL_NEAR_DUPLICATE = 0.8;

/**
 * Seeds for the intents a natural sample of 900 rows holds fewer than about 15 of (from the labelled extra rows).
 * Rows naming another product of the source app (借呗, 网商贷, 余额宝) are not seeded.
 */
const SEEDS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['annual-fee', /年费/],
  ['loss', /挂失|丢了|丢失|被偷|掉了/],
  ['activate', /激活|开卡/],
  ['replace', /补卡|换卡|补办|换一张|到期|新卡|卡片/],
  ['delivery', /邮寄|寄|快递|收到卡|实体卡/],
  ['fee-waiver', /减免|免除|免掉|不收.*(费|利息)|免罚息/],
  ['complaint', /投诉|催收|骚扰|营销|推销|态度|举报|不合理|乱收|乱扣|垃圾|坑/],
  ['greeting', /^(你好|您好|谢谢|在吗|再见|感谢)/],
  ['overseas', /境外|国外|外币|出国|海外|美元|汇率|海淘|外国|港币|日元/],
  ['freeze', /暂停|锁定|锁卡|临时关闭|冻结/],
  ['human', /人工|转接|真人|机器人|热线|客服/],
  ['limit-decrease', /降额|降低.*额度|额度.*降低|调低|调小|减少额度/],
  ['benefits', /权益|保险|贵宾|特权|会员|福利/],
  ['cash', /取现|提现|套现|取钱|现金/],
  ['fraud', /盗刷|盗用|被盗|不是我|被骗|骗子|诈骗|被人|莫名|陌生/],
  ['password', /密码/],
  ['points', /积分|返现|奖励/],
  ['installment', /分期|提前还/],
  ['fees', /手续费|利息|罚息|违约金|滞纳金/],
  ['transaction', /这笔|交易记录|消费记录|付款成功|支付成功|商户|商家/],
  ['cancel', /销卡|销户|注销|关闭|关掉|不想用|停用/],
  ['autopay', /自动还款|自动扣/],
];
const OTHER_PRODUCT = /借呗|网商贷|余额宝/;

interface Row {
  readonly id: number;
  readonly text: string;
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

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

/** Every id listed in a file of data/nlu/real other than the fresh test set's own. */
function pooledIds(): Set<string> {
  const ids = new Set<string>();
  const addFile = (url: URL) => {
    for (const line of readFileSync(url, 'utf8').trimEnd().split('\n').slice(1)) {
      const id = line.split('\t')[0];
      if (id) ids.add(id);
    }
  };
  const batches = new URL('batches/', REAL_DATA_DIR);
  for (const name of readdirSync(batches).filter((f) => f.endsWith('.tsv') && !FRESH_TEST_FILES.test(f)))
    addFile(new URL(name, batches));
  for (const name of ['pool-origin.tsv', 'second-pass.tsv', 'split.tsv']) {
    const url = new URL(name, REAL_DATA_DIR);
    if (existsSync(url)) addFile(url);
  }
  return ids;
}

const questionsFile =
  argument('--questions') ?? fileURLToPath(new URL('../../../shared/data/zh-customer/questions.tsv', import.meta.url));
const random = mulberry32(SEED);
const questions = readCustomerQuestions(resolve(questionsFile));
const byId = new Map(questions.map((q) => [String(q.id), q]));
const pooled = pooledIds();
const pooledBigrams = [...pooled].flatMap((id) => {
  const q = byId.get(id);
  return q ? [charBigrams(q.text)] : [];
});
const candidates = questions.filter((q) => inFreshTestBucket(q.id) && !pooled.has(String(q.id)));

const taken: Array<Row & { origin: string }> = [];
const takenBigrams: Array<Set<string>> = [];
const takenIds = new Set<number>();
function take(row: Row, origin: string): boolean {
  if (takenIds.has(row.id)) return false;
  const own = charBigrams(row.text);
  if (own.size === 0) return false;
  if (takenBigrams.some((b) => bigramJaccard(own, b) >= POOL_NEAR_DUPLICATE)) return false;
  if (pooledBigrams.some((b) => bigramJaccard(own, b) >= POOL_NEAR_DUPLICATE)) return false;
  takenIds.add(row.id);
  takenBigrams.push(own);
  taken.push({ ...row, origin });
  return true;
}

for (const row of shuffled(candidates, random)) {
  if (taken.length >= FRESH_NATURAL) break;
  take(row, 'natural');
}
const seeded = SEEDS.map(([name, pattern]) => ({
  name,
  rows: shuffled(
    candidates.filter((q) => pattern.test(q.text) && !OTHER_PRODUCT.test(q.text)),
    random,
  ),
  next: 0,
}));
const target = FRESH_NATURAL + FRESH_SEEDED;
while (taken.length < target && seeded.some((s) => s.next < s.rows.length)) {
  for (const seed of seeded) {
    if (taken.length >= target) break;
    while (seed.next < seed.rows.length && !take(seed.rows[seed.next++] as Row, `seed:${seed.name}`)) {}
  }
}

const rows = shuffled(taken, random);
for (let f = 0; f * FILE_ROWS < rows.length; f++) {
  const part = rows.slice(f * FILE_ROWS, (f + 1) * FILE_ROWS);
  const file = new URL(`batches/fresh-test-${String(f + 1).padStart(2, '0')}.tsv`, REAL_DATA_DIR);
  if (existsSync(file)) {
    const ids = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[0]);
    if (ids.join() !== part.map((r) => String(r.id)).join()) throw new Error(`${file.pathname} differs from this run`);
    continue;
  }
  writeFileSync(file, `id\ttext\tlabel\n${part.map((r) => `${r.id}\t${r.text}\t`).join('\n')}\n`);
}
const sorted = [...rows].sort((x, y) => x.id - y.id);
writeFileSync(
  new URL('fresh-test-origin.tsv', REAL_DATA_DIR),
  `id\torigin\n${sorted.map((r) => `${r.id}\t${r.origin}`).join('\n')}\n`,
);
const origins = new Map<string, number>();
for (const r of rows) origins.set(r.origin, (origins.get(r.origin) ?? 0) + 1);
console.log(
  `${questions.length} customer questions; ${candidates.length} unpooled in the reserved bucket; fresh test ${rows.length} rows`,
);
for (const [origin, n] of [...origins].sort()) console.log(`  ${origin}: ${n}`);
