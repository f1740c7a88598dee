/**
 * The served model's scores, z = x·(scale ⊙ Q) + b, in WebAssembly SIMD.
 *
 * Scoring is most of the cost of an answer once the classes are many (CLINC150: 151 classes × ~130
 * features of an utterance, 20k multiply-adds): in JavaScript each one is an int8 load, a conversion, a
 * multiply and a Float64Array load and store with their bounds checks, about 1 ns. The loop below does the
 * same arithmetic two classes per instruction (f64x2) with no bounds checks, 5–6× faster on CLINC150.
 *
 * The answers are bit for bit those of `quantizedScores`: the same float64 operations in the same order
 * (for each class, the features in row order; WebAssembly never fuses a multiply and an add), only
 * vectorised across classes. `scorer.test.ts` checks it. Where WebAssembly SIMD is missing, the
 * JavaScript loop serves.
 *
 * The module is a few hundred bytes assembled here rather than a build step: one function,
 *   score(acc, rows, vals, n, blocks)
 * for each feature i < n: v = vals[i] (f64), p = rows[i] (byte offset of its int8 row); for each block
 * of 8 classes: acc[8b .. 8b+7] += v · int8(p + 8b .. p + 8b + 7).
 * A row is read in whole blocks, so its last block may read a few bytes of the next row (or of the
 * padding after the matrix) into accumulators past the last class, which nobody reads.
 */
import type { SparseVector } from './features.ts';
import { type QuantizedLinearModel, quantizedScores } from './model.ts';

export interface Scorer {
  /** Scores of `x` into `out` (length ≥ number of classes). */
  scores(x: SparseVector, out: Float64Array): void;
}

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const vec = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: readonly number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...Buffer.from(s)].map((b) => [b]));
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
/** memarg: alignment hint 1 (no promise) and a byte offset. */
const at = (offset: number): number[] => [0, ...uleb(offset)];
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const tee = (i: number): number[] => [0x22, i];
const i32 = (n: number): number[] => [0x41, ...sleb(n)];

const T_I32 = 0x7f;
const T_V128 = 0x7b;
const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  i32Load: 0x28,
  f64Load: 0x2b,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Shl: 0x74,
} as const;
const SIMD = {
  load: 0x00,
  load8x8S: 0x01,
  store: 0x0b,
  shuffle: 0x0d,
  f64x2Splat: 0x14,
  i32x4ExtendLowI16x8S: 0xa7,
  i32x4ExtendHighI16x8S: 0xa8,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
  f64x2ConvertLowI32x4S: 0xfe,
} as const;
/** Lanes 2 and 3 of an i32x4 moved to lanes 0 and 1, for `f64x2.convert_low_i32x4_s`. */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

// Parameters 0–4: acc, rows, vals, n, blocks. Locals: 5 i, 6 p, 7 a (accumulator address), 8 b (blocks
// left), all i32; 9 v (splat), 10 the block's eight weights as i16, 11 / 12 its low / high four as i32.
const [ACC, ROWS, VALS, N, BLOCKS, I, P, A, B, V, W16, W_LO, W_HI] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
] as const;

/** acc[a + offset .. +16) += v · f64(two lanes of `src`). */
function accumulate(src: number, offset: number, high: boolean): number[] {
  return [
    ...get(A),
    ...get(A),
    ...simd(SIMD.load),
    ...at(offset),
    ...get(V),
    ...get(src),
    ...(high ? [...get(src), ...simd(SIMD.shuffle), ...HIGH_HALF] : []),
    ...simd(SIMD.f64x2ConvertLowI32x4S),
    ...simd(SIMD.f64x2Mul),
    ...simd(SIMD.f64x2Add),
    ...simd(SIMD.store),
    ...at(offset),
  ];
}

function moduleBytes(): Uint8Array {
  const body = [
    OP.block,
    0x40,
    OP.loop,
    0x40,
    ...get(I),
    ...get(N),
    OP.i32GeU,
    OP.brIf,
    1,
    // p = rows[i]; v = splat(vals[i]); a = acc; b = blocks
    ...get(ROWS),
    ...get(I),
    ...i32(2),
    OP.i32Shl,
    OP.i32Add,
    OP.i32Load,
    2,
    0,
    ...set(P),
    ...get(VALS),
    ...get(I),
    ...i32(3),
    OP.i32Shl,
    OP.i32Add,
    OP.f64Load,
    3,
    0,
    ...simd(SIMD.f64x2Splat),
    ...set(V),
    ...get(ACC),
    ...set(A),
    ...get(BLOCKS),
    ...set(B),
    OP.loop,
    0x40,
    ...get(P),
    ...simd(SIMD.load8x8S),
    ...at(0),
    ...set(W16),
    ...get(W16),
    ...simd(SIMD.i32x4ExtendLowI16x8S),
    ...set(W_LO),
    ...get(W16),
    ...simd(SIMD.i32x4ExtendHighI16x8S),
    ...set(W_HI),
    ...accumulate(W_LO, 0, false),
    ...accumulate(W_LO, 16, true),
    ...accumulate(W_HI, 32, false),
    ...accumulate(W_HI, 48, true),
    ...get(P),
    ...i32(8),
    OP.i32Add,
    ...set(P),
    ...get(A),
    ...i32(64),
    OP.i32Add,
    ...set(A),
    ...get(B),
    ...i32(1),
    OP.i32Sub,
    ...tee(B),
    OP.brIf,
    0,
    OP.end,
    ...get(I),
    ...i32(1),
    OP.i32Add,
    ...set(I),
    OP.br,
    0,
    OP.end,
    OP.end,
    OP.end,
  ];
  const code = [
    ...vec([
      [4, T_I32],
      [4, T_V128],
    ]),
    ...body,
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, vec([[0x60, ...vec([[T_I32], [T_I32], [T_I32], [T_I32], [T_I32]]), 0]])),
    ...section(2, vec([[...name('e'), ...name('m'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('score'), 0x00, 0]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}

/**
 * The part of the WebAssembly API used here. The server's type library is Node's, which does not declare
 * the WebAssembly global, though every supported Node has it.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmModule {
  readonly kind?: 'module';
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

/** The compiled module, or null where WebAssembly or its SIMD instructions are unavailable. */
function wasmModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      const bytes = moduleBytes();
      compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const PAGE = 65_536;
const align = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * Scores in WebAssembly linear memory: the int8 matrix (copied in once), then the accumulators, then the
 * row offsets and values of the utterance being scored (grown on demand).
 */
class SimdScorer implements Scorer {
  private readonly memory: WasmMemory;
  private readonly score: (acc: number, rows: number, vals: number, n: number, blocks: number) => void;
  private readonly model: QuantizedLinearModel;
  private readonly blocks: number;
  private readonly accPtr: number;
  private readonly rowsPtr: number;
  private capacity = 0;
  private valsPtr = 0;
  private acc!: Float64Array;
  private rows!: Int32Array;
  private vals!: Float64Array;

  constructor(api: WasmApi, module: WasmModule, model: QuantizedLinearModel) {
    this.model = model;
    const K = model.numClasses;
    this.blocks = Math.ceil(K / 8);
    // 8 bytes of padding after the matrix: the last row's last block reads past its end.
    this.accPtr = align(model.data.length + 8, 16);
    this.rowsPtr = this.accPtr + this.blocks * 64;
    this.memory = new api.Memory({ initial: 1 });
    const instance = new api.Instance(module, { e: { m: this.memory } });
    this.score = instance.exports.score as SimdScorer['score'];
    this.reserve(1024);
    new Int8Array(this.memory.buffer, 0, model.data.length).set(model.data);
  }

  private reserve(n: number): void {
    if (n <= this.capacity) return;
    const capacity = Math.max(n, 2 * this.capacity);
    const valsPtr = align(this.rowsPtr + 4 * capacity, 8);
    const bytes = valsPtr + 8 * capacity;
    const pages = Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    // Growing detaches the old buffer: views are made afresh.
    const buffer = this.memory.buffer;
    this.acc = new Float64Array(buffer, this.accPtr, this.blocks * 8);
    this.rows = new Int32Array(buffer, this.rowsPtr, capacity);
    this.vals = new Float64Array(buffer, valsPtr, capacity);
    this.valsPtr = valsPtr;
    this.capacity = capacity;
  }

  scores(x: SparseVector, out: Float64Array): void {
    const { indices, values } = x;
    const n = indices.length;
    this.reserve(n);
    const { acc, rows, vals } = this;
    const { bias, scales, numClasses: K } = this.model;
    for (let k = 0; k < K; k++) acc[k] = bias[k] as number;
    acc.fill(0, K);
    for (let i = 0; i < n; i++) {
      const f = indices[i] as number;
      rows[i] = f * K;
      vals[i] = (values[i] as number) * (scales[f] as number);
    }
    this.score(this.accPtr, this.rowsPtr, this.valsPtr, n, this.blocks);
    for (let k = 0; k < K; k++) out[k] = acc[k] as number;
  }
}

/** A scorer for `model`: WebAssembly SIMD where available, else the JavaScript loop. */
export function createScorer(model: QuantizedLinearModel, options: { simd?: boolean } = {}): Scorer {
  const module = options.simd === false ? null : wasmModule();
  if (module && wasm) return new SimdScorer(wasm, module, model);
  return { scores: (x, out) => quantizedScores(model, x, out) };
}

/** Whether scores run in WebAssembly SIMD on this runtime. */
export function simdAvailable(): boolean {
  return wasmModule() !== null;
}
