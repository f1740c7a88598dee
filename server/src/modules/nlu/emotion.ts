/**
 * Anger and anxiety scores for one customer message, for escalation and the supervisor's live view.
 *
 * Two sources, combined by noisy-OR so that either can raise a score and agreement raises it more:
 * - a lexicon of cues with weights (骗子, 气死, 投诉; 急死了, 怎么办, 救命), with negation ("不急") and
 *   intensity (repeated "！！", "？？？", shouting in capitals) handled;
 * - the intent model: the probability mass on complaint intents is evidence of anger, on emergency
 *   intents (lost card, fraud) evidence of anxiety, even when the words are calm ("卡被盗刷了").
 */

export type EmotionLevel = 'calm' | 'elevated' | 'high';

export interface Emotion {
  /** 0–1 */
  readonly anger: number;
  /** 0–1 */
  readonly anxiety: number;
  readonly level: EmotionLevel;
  /** True when the message should be routed to a senior agent or flagged to a supervisor. */
  readonly escalate: boolean;
  /** The lexicon cues found, for the agent to see why. */
  readonly cues: readonly string[];
}

/** Longer cues first, so that "怎么办啊" is not counted again as "怎么办". */
const byLength = (cues: ReadonlyArray<readonly [string, number]>) =>
  [...cues].sort((a, b) => b[0].length - a[0].length);

const ANGER_CUES: ReadonlyArray<readonly [string, number]> = byLength([
  ['傻逼', 0.9],
  ['sb', 0.7],
  ['去死', 0.9],
  ['他妈', 0.8],
  ['妈的', 0.8],
  ['tmd', 0.8],
  ['wtf', 0.6],
  ['忍无可忍', 0.8],
  ['气死', 0.7],
  ['愤怒', 0.7],
  ['流氓', 0.7],
  ['破银行', 0.7],
  ['垃圾', 0.6],
  ['骗子', 0.6],
  ['黑心', 0.6],
  ['抢钱', 0.6],
  ['恶心', 0.6],
  ['受够', 0.6],
  ['什么破', 0.6],
  ['曝光', 0.5],
  ['滚', 0.5],
  ['什么态度', 0.55],
  ['烦死', 0.55],
  ['生气', 0.5],
  ['骗人', 0.5],
  ['坑人', 0.5],
  ['欺骗', 0.5],
  ['欺诈', 0.5],
  ['态度恶劣', 0.5],
  ['态度太差', 0.5],
  ['太差', 0.45],
  ['霸王条款', 0.5],
  ['凭什么', 0.45],
  ['离谱', 0.45],
  ['没完没了', 0.45],
  ['消协', 0.45],
  ['银保监', 0.5],
  ['12378', 0.5],
  ['起诉你们', 0.6],
  ['告你们', 0.6],
  ['投诉', 0.35],
  ['不满', 0.4],
  ['失望', 0.4],
  ['骚扰', 0.4],
  ['烦人', 0.4],
  ['坑', 0.35],
  ['无语', 0.35],
  ['过分', 0.4],
  ['太慢', 0.3],
  ['说话不算话', 0.5],
  ['推诿', 0.4],
  ['扯皮', 0.4],
  ['ridiculous', 0.5],
  ['unacceptable', 0.5],
  ['terrible', 0.45],
  ['furious', 0.7],
  ['angry', 0.5],
  ['outrageous', 0.55],
  ['scam', 0.5],
  ['rude', 0.45],
  ['worst', 0.5],
  ['complaint', 0.3],
]);

const ANXIETY_CUES: ReadonlyArray<readonly [string, number]> = byLength([
  ['救命', 0.8],
  ['急死', 0.8],
  ['急疯', 0.8],
  ['不知道怎么办', 0.6],
  ['怎么办啊', 0.55],
  ['怎么办', 0.4],
  ['着急', 0.5],
  ['急用', 0.4],
  ['很急', 0.55],
  ['好急', 0.55],
  ['急', 0.3],
  ['赶紧', 0.4],
  ['快点', 0.4],
  ['快帮', 0.45],
  ['马上', 0.3],
  ['立刻', 0.3],
  ['完了', 0.45],
  ['害怕', 0.6],
  ['担心', 0.5],
  ['慌', 0.55],
  ['崩溃', 0.6],
  ['求求', 0.5],
  ['吓', 0.45],
  ['睡不着', 0.5],
  ['紧急', 0.5],
  ['被骗', 0.5],
  ['被盗', 0.4],
  ['丢了', 0.3],
  ['不见了', 0.3],
  ['urgent', 0.5],
  ['asap', 0.4],
  ['help', 0.3],
  ['worried', 0.5],
  ['scared', 0.55],
  ['panic', 0.6],
  ['emergency', 0.5],
]);

/** Negators that cancel a cue right after them: 不急, 没生气, 别担心. */
const NEGATED = /[不没别勿莫]$/;

const COMPLAINT_WEIGHT = 0.5;
const EMERGENCY_WEIGHT = 0.5;

function findCues(text: string, lexicon: ReadonlyArray<readonly [string, number]>, cues: string[]): number[] {
  const weights: number[] = [];
  const covered = new Uint8Array(text.length);
  for (const [cue, weight] of lexicon) {
    let at = text.indexOf(cue);
    while (at >= 0) {
      const latinCue = /^[a-z]/.test(cue);
      const wordBoundary =
        !latinCue || (!/[a-z]/.test(text[at - 1] ?? '') && !/[a-z]/.test(text[at + cue.length] ?? ''));
      if (wordBoundary && !covered[at] && !NEGATED.test(text.slice(0, at))) {
        covered.fill(1, at, at + cue.length);
        weights.push(weight);
        cues.push(cue);
        break; // a cue repeated adds intensity through punctuation, not by counting twice
      }
      at = text.indexOf(cue, at + 1);
    }
  }
  return weights;
}

function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((acc, w) => acc * (1 - Math.min(Math.max(w, 0), 1)), 1);
}

/**
 * Score a message. `raw` is the text as typed (capitals and punctuation carry intensity), `normalized`
 * its normalised form, `probabilities` the intent model's calibrated output and `typeOf` the contact
 * type of each intent.
 */
export function scoreEmotion(
  raw: string,
  normalized: string,
  probabilities?: ReadonlyMap<string, number>,
  typeOf?: (intent: string) => string,
): Emotion {
  const cues: string[] = [];
  const angerWeights = findCues(normalized, ANGER_CUES, cues);
  const anxietyWeights = findCues(normalized, ANXIETY_CUES, cues);

  let complaintMass = 0;
  let emergencyMass = 0;
  if (probabilities && typeOf) {
    for (const [intent, p] of probabilities) {
      const type = typeOf(intent);
      if (type === 'complaint') complaintMass += p;
      else if (type === 'emergency') emergencyMass += p;
    }
  }
  angerWeights.push(COMPLAINT_WEIGHT * complaintMass);
  anxietyWeights.push(EMERGENCY_WEIGHT * emergencyMass);

  // Intensity amplifies whatever is already there; it does not create an emotion on its own ("好的!!").
  const exclaims = (raw.match(/[!！]/g) ?? []).length;
  const questions = (raw.match(/[?？]{2,}/g) ?? []).length;
  const shouting = (raw.match(/\b[A-Z]{4,}\b/g) ?? []).length;
  const repeats = /(.)\1{3,}/u.test(normalized.replace(/[\d\s.]/g, '')) ? 1 : 0;
  const intensity = Math.min(0.35, 0.08 * Math.min(exclaims, 3) + 0.1 * questions + 0.12 * shouting + 0.08 * repeats);

  let anger = noisyOr(angerWeights);
  let anxiety = noisyOr(anxietyWeights);
  if (anger >= 0.2) anger = noisyOr([anger, intensity]);
  if (anxiety >= 0.2) anxiety = noisyOr([anxiety, intensity]);
  anger = Math.round(anger * 1000) / 1000;
  anxiety = Math.round(anxiety * 1000) / 1000;

  const peak = Math.max(anger, anxiety);
  const level: EmotionLevel = peak >= 0.7 ? 'high' : peak >= 0.4 ? 'elevated' : 'calm';
  return { anger, anxiety, level, escalate: anger >= 0.7 || anxiety >= 0.8, cues };
}
