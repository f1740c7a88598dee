/**
 * Chinese NLU: intent and contact type, slots, emotion and "I don't know", trained from data the project
 * ships and run on the CPU inside the server. Other modules import only from here; the knowledge base
 * reuses the normalisation, the card-domain words and `analyze`.
 */
import type { ModuleDef } from '../module.ts';
import { loadBuiltinNlu } from './engine.ts';
import { nluCli } from './nlu.cli.ts';
import { nluRoutes } from './nlu.routes.ts';

export type { Classification, ScoredLabel } from './classifier.ts';
export { Classifier } from './classifier.ts';
export type { LabelledText } from './csv.ts';
export { parseLabelledCsv, readLabelledCsv } from './csv.ts';
export type { Emotion, EmotionLevel } from './emotion.ts';
export { scoreEmotion } from './emotion.ts';
export type { AnalyzeOptions, NluAnalysis } from './engine.ts';
export { analyze, loadBuiltinNlu, NLU_MAX_TEXT, NluEngine } from './engine.ts';
export type { EvalResult, LabelMetrics } from './eval.ts';
export { evaluate } from './eval.ts';
export type { FeatureOptions, Token } from './features.ts';
export { charNgrams, DEFAULT_FEATURE_OPTIONS, featureCounts, tokenize, words } from './features.ts';
export type { NluModel } from './model-file.ts';
export { deserializeModel, loadModelFile, saveModel, serializeModel } from './model-file.ts';
export { bigramJaccard, bigramsOfFolded } from './near-duplicates.ts';
export { nluCli } from './nlu.cli.ts';
export { convertChineseNumerals, normalizeText, parseChineseNumber } from './normalize.ts';
export { cutWords, DOMAIN_WORDS } from './segmenter.ts';
export type { Slots } from './slots.ts';
export { extractSlots } from './slots.ts';
export type { TrainOptions, TrainReport } from './train.ts';
export { OUT_OF_SCOPE, trainModel } from './train.ts';
export { type SparseVector, Vectorizer } from './vectorizer.ts';

export const nluModule: ModuleDef = {
  name: 'nlu',
  routes: nluRoutes,
  cli: { nlu: (argv, _deps, io) => nluCli(argv, io) },
  // Load the model at boot so a broken model file stops the server instead of the first request.
  init: async () => {
    loadBuiltinNlu();
  },
};
