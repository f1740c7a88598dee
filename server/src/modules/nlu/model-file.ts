/**
 * The model file: one JSON document, small enough to commit and fast to load.
 *
 * Weights are stored as int8 with one float scale per feature row (max |w| / 127), as they are served
 * (see QuantizedLinearModel), and the vocabulary as one
 * newline-joined string rather than an array of thousands of small JSON strings, which parses faster.
 * The dictionary checksum ties a model to the segmentation it was trained with.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_VECTORIZER_OPTIONS, Vectorizer, type VectorizerOptions } from './features.ts';
import type { QuantizedLinearModel } from './model.ts';
import { PINYIN_FILE } from './pinyin.ts';
import { DOMAIN_WORDS, WORDS_FILE } from './segmenter.ts';

export const MODEL_FORMAT = 'carddesk-nlu';
export const MODEL_VERSION = 1;

/** Everything needed to classify: the vectoriser, the linear model and the decision rules learnt on dev. */
export interface NluModel {
  readonly labels: readonly string[];
  /** Contact type of each label, for intents a bank adds itself; built-in intents follow intents.md. */
  readonly labelTypes: Readonly<Record<string, string>>;
  readonly vectorizer: Vectorizer;
  readonly linear: QuantizedLinearModel;
  readonly temperature: number;
  /** Calibrated top probability under which the answer is out_of_scope (0: never). */
  readonly oosThreshold: number;
  /** Label reported when the model does not know. */
  readonly oosLabel: string;
  readonly dictionaryChecksum: string;
  /** Training facts kept for the record (sizes, chosen hyper-parameters, dev metrics). */
  readonly info: Readonly<Record<string, unknown>>;
}

const vectorizerOptionsSchema = z.object({
  cjkMin: z.number().int().min(1),
  cjkMax: z.number().int().min(1),
  latinMin: z.number().int().min(1),
  latinMax: z.number().int().min(1),
  latinSpan: z.enum(['word', 'phrase']),
  words: z.boolean(),
  wordBigrams: z.boolean(),
  wordWeight: z.number(),
  // Absent in files written before pinyin features existed: those models were trained without them.
  pinyin: z.boolean().optional(),
  pinyinWeight: z.number().optional(),
  minDf: z.number().int().min(1),
  maxFeatures: z.number().int().min(1),
});

const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  labels: z.array(z.string().min(1)).min(1),
  labelTypes: z.record(z.string(), z.string()),
  oosLabel: z.string().min(1),
  temperature: z.number().positive(),
  oosThreshold: z.number().min(0).max(1),
  dictionaryChecksum: z.string(),
  features: vectorizerOptionsSchema,
  terms: z.string(),
  idf: z.string(),
  weightScales: z.string(),
  weights: z.string(),
  bias: z.array(z.number()),
  info: z.record(z.string(), z.unknown()),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

let dictionaryChecksumCache: string | undefined;

/** Checksum of the text resources features depend on (trimmed jieba words, domain words, pinyin table). */
export function dictionaryChecksum(): string {
  dictionaryChecksumCache ??= createHash('sha256')
    .update(readFileSync(WORDS_FILE))
    .update(DOMAIN_WORDS.join('\n'))
    .update(readFileSync(PINYIN_FILE))
    .digest('hex')
    .slice(0, 16);
  return dictionaryChecksumCache;
}

function toBase64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

function fromBase64<T>(text: string, make: (buf: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, 'base64');
  // Copy into a fresh, aligned buffer: Buffer pools are not aligned for Float32Array views.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

export function serializeModel(model: NluModel): string {
  const { scales, data } = model.linear;
  const { vectorizer } = model;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    labels: [...model.labels],
    labelTypes: { ...model.labelTypes },
    oosLabel: model.oosLabel,
    temperature: model.temperature,
    oosThreshold: model.oosThreshold,
    dictionaryChecksum: model.dictionaryChecksum,
    features: { ...vectorizer.options },
    terms: vectorizer.terms.join('\n'),
    idf: toBase64(vectorizer.idf),
    weightScales: toBase64(scales),
    weights: toBase64(data),
    bias: Array.from(model.linear.bias),
    info: { ...model.info },
  };
  return JSON.stringify(file);
}

export function deserializeModel(json: string): NluModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new ModelFileError('model file is not valid JSON', { cause });
  }
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ModelFileError(`not a CardDesk NLU model file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const file = parsed.data;
  const terms = file.terms.length === 0 ? [] : file.terms.split('\n');
  const K = file.labels.length;
  const idf = fromBase64(file.idf, (b) => new Float32Array(b));
  const scales = fromBase64(file.weightScales, (b) => new Float32Array(b));
  const data = fromBase64(file.weights, (b) => new Int8Array(b));
  if (
    idf.length !== terms.length ||
    scales.length !== terms.length ||
    data.length !== terms.length * K ||
    file.bias.length !== K
  ) {
    throw new ModelFileError('model file is inconsistent: vocabulary, weights and labels do not match');
  }
  if (!file.labels.includes(file.oosLabel) && file.oosThreshold > 0 && file.labels.length < 2) {
    throw new ModelFileError('model file has no usable labels');
  }
  const options: VectorizerOptions = {
    ...DEFAULT_VECTORIZER_OPTIONS,
    ...file.features,
    pinyin: file.features.pinyin ?? false,
    pinyinWeight: file.features.pinyinWeight ?? DEFAULT_VECTORIZER_OPTIONS.pinyinWeight,
  };
  return {
    labels: file.labels,
    labelTypes: file.labelTypes,
    vectorizer: new Vectorizer(terms, idf, options),
    linear: { numFeatures: terms.length, numClasses: K, scales, data, bias: Float32Array.from(file.bias) },
    temperature: file.temperature,
    oosThreshold: file.oosThreshold,
    oosLabel: file.oosLabel,
    dictionaryChecksum: file.dictionaryChecksum,
    info: file.info,
  };
}

export function saveModel(model: NluModel, path: string | URL): void {
  writeFileSync(path, serializeModel(model));
}

export function loadModelFile(path: string | URL): NluModel {
  return deserializeModel(readFileSync(path, 'utf8'));
}
