/**
 * The NLU engine: one loaded model, and `analyze(text)` giving type, intent, confidence, alternatives,
 * slots and emotion. Pure CPU work, no I/O after load; one engine is shared by every request.
 */
import { serverFile } from '../../paths.ts';
import { AppError } from '../../platform/errors.ts';
import { Classifier, type ScoredLabel } from './classifier.ts';
import { type Emotion, scoreEmotion } from './emotion.ts';
import { loadModelFile, ModelFileError, type NluModel } from './model-file.ts';
import { normalizeText } from './normalize.ts';
import { extractSlots, type Slots } from './slots.ts';

/** Longest text analysed at once: a chat message or a transcribed turn, not a document. */
export const NLU_MAX_TEXT = 2000;

export interface NluAnalysis {
  readonly type: string;
  readonly intent: string;
  readonly confidence: number;
  readonly alternatives: readonly ScoredLabel[];
  readonly slots: Slots;
  readonly emotion: Emotion;
}

export interface AnalyzeOptions {
  /** Reference instant for relative dates; pass the context's clock. */
  readonly now?: Date;
}

export class NluEngine {
  readonly classifier: Classifier;

  constructor(model: NluModel) {
    this.classifier = new Classifier(model);
  }

  get model(): NluModel {
    return this.classifier.model;
  }

  /**
   * Analyse one customer utterance. Throws `NLU_TEXT_REQUIRED` for empty or whitespace-only text and
   * `NLU_TEXT_TOO_LONG` past `NLU_MAX_TEXT` characters. Text with nothing recognisable (emoji, binary
   * noise) is a valid input and comes back as out_of_scope.
   */
  analyze(text: string, options: AnalyzeOptions = {}): NluAnalysis {
    if (text.trim().length === 0) throw new AppError('NLU_TEXT_REQUIRED');
    if (text.length > NLU_MAX_TEXT) throw new AppError('NLU_TEXT_TOO_LONG', { detail: `${text.length} characters` });
    const normalized = normalizeText(text);
    const c = this.classifier.classifyNormalized(normalized);
    return {
      type: c.type,
      intent: c.intent,
      confidence: round(c.confidence),
      alternatives: c.alternatives.map((a) => ({ intent: a.intent, confidence: round(a.confidence) })),
      slots: extractSlots(normalized, options.now ? { now: options.now } : {}),
      emotion: scoreEmotion(text, normalized, c.probabilities, (intent) => this.classifier.typeOf(intent)),
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The model shipped with CardDesk, trained from `data/nlu/train.csv` by `scripts/nlu-build-model.ts`. */
export const BUILTIN_MODEL_FILE = serverFile('data/nlu/model.bin');

let builtin: NluEngine | undefined;

/** The built-in engine, loaded once per process (~100 ms, most of it the segmentation dictionary). */
export function loadBuiltinNlu(): NluEngine {
  if (!builtin) {
    try {
      builtin = new NluEngine(loadModelFile(BUILTIN_MODEL_FILE));
    } catch (cause) {
      throw new AppError('NLU_MODEL_UNAVAILABLE', {
        detail: cause instanceof ModelFileError ? cause.message : 'built-in model could not be read',
        cause,
      });
    }
    // Segmenter and JIT warm-up, so the first customer does not pay for them.
    builtin.analyze('你好，我想查一下信用卡账单');
  }
  return builtin;
}

/**
 * Puts another model in the built-in engine's place for the rest of the process. For the assistant's
 * benchmark only: it scores the real dev split with a model that never trained on those rows.
 */
export function replaceBuiltinNlu(model: NluModel): void {
  builtin = new NluEngine(model);
  builtin.analyze('你好，我想查一下信用卡账单');
}

/** Analyse with the built-in model. */
export function analyze(text: string, options: AnalyzeOptions = {}): NluAnalysis {
  return loadBuiltinNlu().analyze(text, options);
}
