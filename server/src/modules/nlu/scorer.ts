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
 * which, for each block of 16 classes, loads their 16 accumulators (the bias) into eight f64x2 registers,
 * adds v · int8(row + block) for each feature (v = vals[i], row = rows[i], its byte offset) and stores them
 * back. A row is read in whole blocks, so its last block may read a few bytes of the next row (or of the
 * padding after the matrix) into accumulators past the last class, which nobody reads. Keeping the sums in
 * registers measured the same as adding into memory one feature at a time (the row reads, from a matrix
 * larger than the cache, are most of what is left), and does a quarter of the memory operations.
 */

import { type QuantizedLinearModel, quantizedScores } from './model.ts';
import type { SparseVector } from './vectorizer.ts';

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
  load64Splat: 0x0a,
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

/** Classes per block: eight f64x2 accumulators, which stay in registers while every feature is added. */
const BLOCK = 16;

// Parameters 0–4: acc, rows, vals, n, blocks. Locals (i32): 5 r (address of rows[i]), 6 q (of vals[i]),
// 7 end (of rows[n]), 8 p (address of the block in row i), 9 a (of the block's accumulators), 10 b (blocks
// left), 11 c (byte offset of the block in a row); (v128): 12 v (vals[i] twice), 13 / 14 eight weights as
// i16, 15 / 16 four of them as i32, 17–24 the accumulators.
const [ACC, ROWS, VALS, N, BLOCKS] = [0, 1, 2, 3, 4] as const;
const [R, Q, END, P, A, B, C] = [5, 6, 7, 8, 9, 10, 11] as const;
const [V, W16, W32] = [12, 13, 15] as const;
const SUM = 17;

/** sum[j] += v · f64(lanes of `src`: 0–1, or 2–3 when `high`). */
function accumulate(j: number, src: number, high: boolean): number[] {
  return [
    ...get(SUM + j),
    ...get(V),
    ...get(src),
    ...(high ? [...get(src), ...simd(SIMD.shuffle), ...HIGH_HALF] : []),
    ...simd(SIMD.f64x2ConvertLowI32x4S),
    ...simd(SIMD.f64x2Mul),
    ...simd(SIMD.f64x2Add),
    ...set(SUM + j),
  ];
}

/** Eight weights at p + offset into sums 4h .. 4h + 3. */
function eightClasses(h: number): number[] {
  const w16 = W16 + h;
  const lo = W32;
  const hi = W32 + 1;
  return [
    ...get(P),
    ...simd(SIMD.load8x8S),
    ...at(8 * h),
    ...set(w16),
    ...get(w16),
    ...simd(SIMD.i32x4ExtendLowI16x8S),
    ...set(lo),
    ...get(w16),
    ...simd(SIMD.i32x4ExtendHighI16x8S),
    ...set(hi),
    ...accumulate(4 * h, lo, false),
    ...accumulate(4 * h + 1, lo, true),
    ...accumulate(4 * h + 2, hi, false),
    ...accumulate(4 * h + 3, hi, true),
  ];
}

function moduleBytes(): Uint8Array {
  const sums = Array.from({ length: BLOCK / 2 }, (_, j) => j);
  const body = [
    // a = acc; b = blocks; c = 0; end = rows + 4n
    ...get(ACC),
    ...set(A),
    ...get(BLOCKS),
    ...set(B),
    ...i32(0),
    ...set(C),
    ...get(ROWS),
    ...get(N),
    ...i32(2),
    OP.i32Shl,
    OP.i32Add,
    ...set(END),
    OP.loop,
    0x40,
    // The block's sums start from the accumulators (the bias).
    ...sums.flatMap((j) => [...get(A), ...simd(SIMD.load), ...at(16 * j), ...set(SUM + j)]),
    ...get(ROWS),
    ...set(R),
    ...get(VALS),
    ...set(Q),
    OP.block,
    0x40,
    OP.loop,
    0x40,
    ...get(R),
    ...get(END),
    OP.i32GeU,
    OP.brIf,
    1,
    // p = rows[i] + c; v = splat(vals[i])
    ...get(R),
    OP.i32Load,
    2,
    0,
    ...get(C),
    OP.i32Add,
    ...set(P),
    ...get(Q),
    ...simd(SIMD.load64Splat),
    ...at(0),
    ...set(V),
    ...eightClasses(0),
    ...eightClasses(1),
    ...get(R),
    ...i32(4),
    OP.i32Add,
    ...set(R),
    ...get(Q),
    ...i32(8),
    OP.i32Add,
    ...set(Q),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...sums.flatMap((j) => [...get(A), ...get(SUM + j), ...simd(SIMD.store), ...at(16 * j)]),
    ...get(A),
    ...i32(8 * BLOCK),
    OP.i32Add,
    ...set(A),
    ...get(C),
    ...i32(BLOCK),
    OP.i32Add,
    ...set(C),
    ...get(B),
    ...i32(1),
    OP.i32Sub,
    ...tee(B),
    OP.brIf,
    0,
    OP.end,
    OP.end,
  ];
  const code = [
    ...vec([
      [7, T_I32],
      [5 + BLOCK / 2, T_V128],
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
    this.blocks = Math.ceil(K / BLOCK);
    // Padding after the matrix: the last row's last block reads past its end.
    this.accPtr = align(model.data.length + BLOCK, 16);
    this.rowsPtr = this.accPtr + this.blocks * BLOCK * 8;
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
    this.acc = new Float64Array(buffer, this.accPtr, this.blocks * BLOCK);
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
