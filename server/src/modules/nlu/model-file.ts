/**
 * The model file: one JSON document, small enough to commit and fast to load.
 *
 * Weights are stored as int8 with one float scale per feature row (max |w| / 127), as they are served
 * (see QuantizedLinearModel), and the vocabulary as the hashed feature keys (base64 of 32-bit words),
 * so loading decodes a few typed arrays and builds no strings. Version 1 files listed feature names
 * instead; they still load (each name is hashed to its key).
 *
 * The same model can also be written as a binary file (`saveModel` to a path ending in `.bin`; the
 * built-in model is one): a short JSON header then the typed arrays as raw little-endian bytes, so
 * loading maps them in place instead of reading a 14 MB string, parsing it and decoding base64 (most of
 * the built-in model's load time and garbage). `loadModelFile` reads either kind.
 * The dictionary checksum ties a model to the segmentation it was trained with.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { z } from 'zod';
import { featureKey } from './feature-hasher.ts';
import type { QuantizedLinearModel } from './model.ts';
import { PINYIN_FILE } from './pinyin.ts';
import { DOMAIN_WORDS, WORDS_FILE } from './segmenter.ts';
import { DEFAULT_VECTORIZER_OPTIONS, Vectorizer, type VectorizerOptions } from './vectorizer.ts';

export const MODEL_FORMAT = 'carddesk-nlu';
export const MODEL_VERSION = 3;

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
  /**
   * Version 3: when set, an intent is also out_of_scope when log p(intent) − log p(out-of-scope label)
   * (calibrated) is below this. Absent: only `oosThreshold` applies.
   */
  readonly oosLogOdds?: number;
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
  english: z.boolean().optional(),
  wordWeight: z.number(),
  // Absent in files written before pinyin features existed: those models were trained without them.
  pinyin: z.boolean().optional(),
  pinyinWeight: z.number().optional(),
  minDf: z.number().int().min(1),
  maxFeatures: z.number().int().min(1),
});

const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(MODEL_VERSION)]),
  labels: z.array(z.string().min(1)).min(1),
  labelTypes: z.record(z.string(), z.string()),
  oosLabel: z.string().min(1),
  temperature: z.number().positive(),
  oosThreshold: z.number().min(0).max(1),
  oosLogOdds: z.number().min(0).optional(),
  dictionaryChecksum: z.string(),
  features: vectorizerOptionsSchema,
  /** Version 2: key low and high words interleaved, base64 of a Uint32Array. */
  keys: z.string().optional(),
  /** Version 1: newline-joined feature names. */
  terms: z.string().optional(),
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

function interleave(lo: Uint32Array, hi: Uint32Array): Uint32Array {
  const out = new Uint32Array(2 * lo.length);
  for (let i = 0; i < lo.length; i++) {
    out[2 * i] = lo[i] as number;
    out[2 * i + 1] = hi[i] as number;
  }
  return out;
}

function keysOfBase64(text: string): { lo: Uint32Array; hi: Uint32Array } | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 8 !== 0) return undefined;
  const words = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(words.buffer).set(bytes);
  const n = words.length / 2;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = words[2 * i] as number;
    hi[i] = words[2 * i + 1] as number;
  }
  return { lo, hi };
}

function keysOfNames(text: string): { lo: Uint32Array; hi: Uint32Array } | undefined {
  const names = text.length === 0 ? [] : text.split('\n');
  const lo = new Uint32Array(names.length);
  const hi = new Uint32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const key = featureKey(names[i] as string);
    if (key === undefined) return undefined;
    lo[i] = key % 4294967296;
    hi[i] = Math.floor(key / 4294967296);
  }
  return { lo, hi };
}

/** Everything of the file but the arrays. */
function headerOf(model: NluModel): ModelHeader {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    labels: [...model.labels],
    labelTypes: { ...model.labelTypes },
    oosLabel: model.oosLabel,
    temperature: model.temperature,
    oosThreshold: model.oosThreshold,
    ...(model.oosLogOdds !== undefined ? { oosLogOdds: model.oosLogOdds } : {}),
    dictionaryChecksum: model.dictionaryChecksum,
    features: { ...model.vectorizer.options },
    bias: Array.from(model.linear.bias),
    info: { ...model.info },
  };
}

export function serializeModel(model: NluModel): string {
  const { scales, data } = model.linear;
  const { vectorizer } = model;
  const file: ModelFile = {
    ...headerOf(model),
    keys: toBase64(interleave(vectorizer.keysLo, vectorizer.keysHi)),
    idf: toBase64(vectorizer.idf),
    weightScales: toBase64(scales),
    weights: toBase64(data),
  };
  return JSON.stringify(file);
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (cause) {
    throw new ModelFileError('model file is not valid JSON', { cause });
  }
}

export function deserializeModel(json: string): NluModel {
  const parsed = modelFileSchema.safeParse(parseJson(json));
  if (!parsed.success)
    throw new ModelFileError(`not a CardDesk NLU model file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const file = parsed.data;
  const keys = file.version === 1 ? keysOfNames(file.terms ?? '') : keysOfBase64(file.keys ?? '');
  if (!keys) throw new ModelFileError('model file is inconsistent: malformed feature keys');
  return modelOf(file, {
    keysLo: keys.lo,
    keysHi: keys.hi,
    idf: fromBase64(file.idf, (b) => new Float32Array(b)),
    scales: fromBase64(file.weightScales, (b) => new Float32Array(b)),
    data: fromBase64(file.weights, (b) => new Int8Array(b)),
  });
}

interface ModelArrays {
  readonly keysLo: Uint32Array;
  readonly keysHi: Uint32Array;
  readonly idf: Float32Array;
  readonly scales: Float32Array;
  readonly data: Int8Array;
}

type ModelHeader = Omit<ModelFile, 'keys' | 'terms' | 'idf' | 'weightScales' | 'weights'>;

function modelOf(file: ModelHeader, arrays: ModelArrays): NluModel {
  const { keysLo, keysHi, idf, scales, data } = arrays;
  const numFeatures = keysLo.length;
  const K = file.labels.length;
  if (
    keysHi.length !== numFeatures ||
    idf.length !== numFeatures ||
    scales.length !== numFeatures ||
    data.length !== numFeatures * K ||
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
    english: file.features.english ?? false,
    pinyinWeight: file.features.pinyinWeight ?? DEFAULT_VECTORIZER_OPTIONS.pinyinWeight,
  };
  return {
    labels: file.labels,
    labelTypes: file.labelTypes,
    vectorizer: new Vectorizer(keysLo, keysHi, idf, options),
    linear: { numFeatures, numClasses: K, scales, data, bias: Float32Array.from(file.bias) },
    temperature: file.temperature,
    oosThreshold: file.oosThreshold,
    ...(file.oosLogOdds !== undefined && file.labels.includes(file.oosLabel) ? { oosLogOdds: file.oosLogOdds } : {}),
    oosLabel: file.oosLabel,
    dictionaryChecksum: file.dictionaryChecksum,
    info: file.info,
  };
}

/** First bytes of a binary model file. */
const BINARY_MAGIC = Buffer.from('CDNLUBIN', 'latin1');
/** Magic, then the header's byte offset and length (uint32 little-endian each); the arrays start here. */
const BINARY_ARRAYS_START = 16;
const BINARY_ARRAYS = ['keysLo', 'keysHi', 'idf', 'scales', 'data'] as const;
const binaryHeaderSchema = modelFileSchema
  .omit({ keys: true, terms: true, idf: true, weightScales: true, weights: true })
  .extend({
    /** Byte offset and length of each array, from the start of the file (8-byte aligned). */
    arrays: z.record(z.enum(BINARY_ARRAYS), z.tuple([z.number().int().min(0), z.number().int().min(0)])),
  });

/**
 * The binary form: `CDNLUBIN`, the header's offset and length, each array's raw bytes (8-byte aligned),
 * then the header (JSON: what the JSON file holds but the arrays, and where each array is).
 */
export function serializeModelBinary(model: NluModel): Buffer {
  if (endianness() !== 'LE') throw new ModelFileError('binary model files are written on little-endian machines');
  const views: Record<(typeof BINARY_ARRAYS)[number], ArrayBufferView> = {
    keysLo: model.vectorizer.keysLo,
    keysHi: model.vectorizer.keysHi,
    idf: model.vectorizer.idf,
    scales: model.linear.scales,
    data: model.linear.data,
  };
  const arrays: Record<string, [number, number]> = {};
  let at = BINARY_ARRAYS_START;
  for (const name of BINARY_ARRAYS) {
    arrays[name] = [at, views[name].byteLength];
    at = Math.ceil((at + views[name].byteLength) / 8) * 8;
  }
  const header = Buffer.from(JSON.stringify({ ...headerOf(model), arrays }), 'utf8');
  const out = Buffer.alloc(at + header.length);
  BINARY_MAGIC.copy(out, 0);
  out.writeUInt32LE(at, 8);
  out.writeUInt32LE(header.length, 12);
  for (const name of BINARY_ARRAYS) {
    const v = views[name];
    Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(out, (arrays[name] as [number, number])[0]);
  }
  header.copy(out, at);
  return out;
}

export function deserializeModelBinary(bytes: Buffer): NluModel {
  if (endianness() !== 'LE') throw new ModelFileError('binary model files are read on little-endian machines');
  if (bytes.length < BINARY_ARRAYS_START || !bytes.subarray(0, BINARY_MAGIC.length).equals(BINARY_MAGIC))
    throw new ModelFileError('not a CardDesk NLU model file');
  const headerStart = bytes.readUInt32LE(8);
  const headerEnd = headerStart + bytes.readUInt32LE(12);
  if (headerEnd > bytes.length) throw new ModelFileError('model file is truncated');
  const parsed = binaryHeaderSchema.safeParse(parseJson(bytes.toString('utf8', headerStart, headerEnd)));
  if (!parsed.success)
    throw new ModelFileError(`not a CardDesk NLU model file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { arrays, ...file } = parsed.data;
  // Typed-array views need aligned offsets: a buffer of Node's small-allocation pool may not be.
  const base = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  const view = <T>(
    name: (typeof BINARY_ARRAYS)[number],
    size: number,
    make: (b: ArrayBuffer, o: number, n: number) => T,
  ) => {
    const [offset, length] = arrays[name] ?? [0, -1];
    if (length < 0 || offset % 8 !== 0 || length % size !== 0 || offset + length > base.length)
      throw new ModelFileError(`model file is inconsistent: array ${name} out of bounds`);
    return make(base.buffer as ArrayBuffer, base.byteOffset + offset, length / size);
  };
  return modelOf(file, {
    keysLo: view('keysLo', 4, (b, o, n) => new Uint32Array(b, o, n)),
    keysHi: view('keysHi', 4, (b, o, n) => new Uint32Array(b, o, n)),
    idf: view('idf', 4, (b, o, n) => new Float32Array(b, o, n)),
    scales: view('scales', 4, (b, o, n) => new Float32Array(b, o, n)),
    data: view('data', 1, (b, o, n) => new Int8Array(b, o, n)),
  });
}

/** Writes the binary form when the path ends in `.bin`, the JSON document otherwise. */
export function saveModel(model: NluModel, path: string | URL): void {
  const binary = String(path).endsWith('.bin');
  writeFileSync(path, binary ? serializeModelBinary(model) : serializeModel(model));
}

/** Reads either form (the binary one is recognised by its first bytes). */
export function loadModelFile(path: string | URL): NluModel {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, BINARY_MAGIC.length).equals(BINARY_MAGIC)) return deserializeModelBinary(bytes);
  return deserializeModel(bytes.toString('utf8'));
}
