import { mulberry32 } from '../../../platform/random.ts';

/** The seeded generator with the picks the demo data needs: the same seed gives the same data on every machine. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed >>> 0 || 0x9e3779b9);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of items) {
      x -= w;
      if (x < 0) return v;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** Log-normal-ish amount in fen around `medianYuan`, rounded to the fen. */
  amountFen(medianYuan: number, spread = 0.8): number {
    const u = Math.max(1e-9, this.next());
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(100, Math.round(medianYuan * 100 * Math.exp(spread * z)));
  }
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Monotonic ULIDs for rows created by one seed run (the ULID spec's monotonic mode: one timestamp, the
 * 80-bit tail counting up from a seeded start). Ids increase in creation order, so bulk inserts append to
 * every index keyed by them instead of rewriting pages all over the B-trees.
 */
export class MonotonicIds {
  readonly #head: string;
  #n: bigint;
  constructor(rng: Rng, at: Date) {
    this.#head = seededId(rng, at).slice(0, 10);
    this.#n = BigInt(Math.floor(rng.next() * 2 ** 40)) << 20n;
  }
  next(): string {
    this.#n += 1n;
    let n = this.#n;
    let tail = '';
    for (let i = 0; i < 16; i++) {
      tail = ALPHABET[Number(n % 32n)] + tail;
      n /= 32n;
    }
    return this.#head + tail;
  }
}

/** A ULID-layout id (time + 80 bits) from the seeded generator: reproducible, and far cheaper than crypto. */
export function seededId(rng: Rng, at: Date): string {
  let time = at.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (let i = 0; i < 4; i++) {
    let x = Math.floor(rng.next() * 1_048_576);
    for (let j = 0; j < 4; j++) {
      tail += ALPHABET[x % 32];
      x = Math.floor(x / 32);
    }
  }
  return head + tail;
}

/** Every calendar date from `start` to `end` inclusive, computed once and shared by all simulated accounts. */
const calendars = new Map<string, string[]>();
export function calendar(start: string, end: string): string[] {
  const key = `${start}/${end}`;
  let days = calendars.get(key);
  if (!days) {
    days = [];
    const d = new Date(`${start}T00:00:00Z`);
    for (let day = start; day <= end; ) {
      days.push(day);
      d.setUTCDate(d.getUTCDate() + 1);
      day = d.toISOString().slice(0, 10);
    }
    calendars.set(key, days);
  }
  return days;
}
