/**
 * K-fold cross-validation for the dev iterations (dev.ts --cv=K) and the paired comparison of two runs.
 * One carved dev split answers 1,275 BANKING77 rows (one row 0.08 points); scoring every training row
 * out of fold answers all 8,504, and comparing two settings row by row counts only the rows where they
 * differ, which is what separates an effect from the noise of a carve.
 */
import type { LabelledText } from '../../src/modules/nlu/csv.ts';
import { stratifiedFolds } from '../../src/modules/nlu/train.ts';

/** A trained model, as a function from an utterance to its answer. */
export type Trainer = (rows: LabelledText[]) => (text: string) => string;

export interface FoldReport {
  readonly fold: number;
  readonly right: number;
  readonly rows: number;
}

/**
 * Each row's answer from a model trained on the other folds (stratified, seeded); rows that no fold holds
 * (labels with under 3 rows) are answered `undefined`. `onFold` hears each fold's accuracy as it ends.
 */
export function outOfFoldAnswers(
  rows: readonly LabelledText[],
  folds: number,
  seed: number,
  train: Trainer,
  onFold: (report: FoldReport) => void = () => {},
): Array<string | undefined> {
  const fold = stratifiedFolds(rows, folds, seed);
  const answers: Array<string | undefined> = rows.map(() => undefined);
  for (let f = 0; f < folds; f++) {
    const classify = train(rows.filter((_, i) => fold[i] !== f));
    let right = 0;
    let held = 0;
    rows.forEach((r, i) => {
      if (fold[i] !== f) return;
      const answer = classify(r.text);
      answers[i] = answer;
      held++;
      if (answer === r.label) right++;
    });
    onFold({ fold: f, right, rows: held });
  }
  return answers;
}

/** One line per row, gold label and answer separated by a tab (an unanswered row has an empty answer). */
export function formatAnswers(rows: readonly LabelledText[], answers: ReadonlyArray<string | undefined>): string {
  return `${rows.map((r, i) => `${r.label}\t${answers[i] ?? ''}`).join('\n')}\n`;
}

export interface PairedDifference {
  /** Rows this run answers right and the other wrong. */
  readonly gained: number;
  /** Rows the other run answers right and this one wrong. */
  readonly lost: number;
  /** McNemar's z over the discordant rows: beyond about ±2 the difference is unlikely to be chance. */
  readonly z: number;
}

/** This run's answers against another run's saved with `formatAnswers` on the same rows in the same order. */
export function pairedDifference(
  rows: readonly LabelledText[],
  answers: ReadonlyArray<string | undefined>,
  saved: string,
): PairedDifference {
  const other = saved.trimEnd().split('\n');
  if (other.length !== rows.length) throw new Error(`the other run has ${other.length} rows, this one ${rows.length}`);
  let gained = 0;
  let lost = 0;
  other.forEach((line, i) => {
    const [gold, answer] = line.split('\t');
    if (gold !== rows[i]?.label) throw new Error(`row ${i} is not the same row in the other run`);
    const nowRight = answers[i] === gold;
    const thenRight = answer === gold;
    if (nowRight && !thenRight) gained++;
    if (thenRight && !nowRight) lost++;
  });
  return { gained, lost, z: gained + lost === 0 ? 0 : (gained - lost) / Math.sqrt(gained + lost) };
}
