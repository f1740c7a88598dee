/**
 * `node --import tsx bench/kb/confusions.ts`: every held-out miss over every position, grouped by the
 * pair of FAQs confused (want → got), for deciding case by case whether a confusion is a content problem
 * (two FAQs answering one question; a phrasing drifting into its neighbour's question) or a matcher
 * problem. Only the FAQs' own phrasings are asked (leave one out, as in bench.ts); the paraphrases and
 * out-of-scope questions are not looked at here.
 */
import { evaluateHeldOut, memoIntents } from '../../src/modules/knowledge/match/calibrate.ts';
import { intentsOf } from '../../src/modules/knowledge/match/intents.ts';
import { faqDocs, seedArticles, seedOutOfScope, seedSynonyms } from './seed-faqs.ts';

const faqs = faqDocs(seedArticles());
const synonyms = seedSynonyms();
const oos = seedOutOfScope();
const nlu = memoIntents(intentsOf);
const positions = Math.min(...faqs.map((d) => d.questions.length));
const pairs = new Map<string, string[]>();
let total = 0;
for (let p = 0; p < positions; p++) {
  const r = evaluateHeldOut(faqs, synonyms, {
    pick: (d) => p % d.questions.length,
    learnOutOfScope: oos.filter((_, i) => i % 2 === 0),
    judgeOutOfScope: [],
    intentsOf: nlu,
  });
  for (const [q, want, got] of r.misses) {
    const key = `${want} → ${got}`;
    pairs.set(key, [...(pairs.get(key) ?? []), `${p + 1}:${q}`]);
    total++;
  }
  console.error(`position ${p + 1}: ${r.misses.length} misses`);
}
const last = evaluateHeldOut(faqs, synonyms, {
  pick: (d) => d.questions.length - 1,
  learnOutOfScope: oos.filter((_, i) => i % 2 === 0),
  judgeOutOfScope: [],
  intentsOf: nlu,
});
const asked = faqs.filter((d) => d.questions.length > 1).length;
console.log(
  `${total} misses over ${positions} positions (recall@1 ${((1 - total / (asked * positions)) * 100).toFixed(1)}%); last phrasing: ${last.misses.length} misses (recall@1 ${(last.recallAt1 * 100).toFixed(1)}%)`,
);
for (const [key, qs] of [...pairs].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${qs.length}\t${key}\t${qs.join(' | ')}`);
}
