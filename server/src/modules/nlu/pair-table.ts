/**
 * A map from a pair of 32-bit integers to a non-negative integer, in typed arrays: open addressing with
 * linear probing, kept at most half full, so a lookup is a multiply and one or two probes in contiguous
 * memory. The hashed feature keys (high, low halves) and the dictionary trie's edges (node, character
 * code) both live in one; `a` must never be -1, which marks an empty slot.
 */
export class PairTable {
  private shift = 0;
  private mask = 0;
  private slotA = new Int32Array(0);
  private slotB = new Uint32Array(0);
  private slotValue = new Int32Array(0);
  private used = 0;

  constructor(expected = 8) {
    let bits = 4;
    while (1 << bits < 2 * expected) bits++;
    this.allocate(bits);
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    let s = this.slot(a, b);
    for (;;) {
      const k = this.slotA[s] as number;
      if (k === -1) return -1;
      if (k === a && this.slotB[s] === b) return this.slotValue[s] as number;
      s = (s + 1) & this.mask;
    }
  }

  /** Stores a pair that is not in the table yet. */
  add(a: number, b: number, value: number): void {
    if (2 * (this.used + 1) > this.slotA.length) this.grow();
    this.place(a, b, value);
    this.used++;
  }

  private slot(a: number, b: number): number {
    return Math.imul(b ^ Math.imul(a, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  private place(a: number, b: number, value: number): void {
    let s = this.slot(a, b);
    while ((this.slotA[s] as number) !== -1) s = (s + 1) & this.mask;
    this.slotA[s] = a;
    this.slotB[s] = b;
    this.slotValue[s] = value;
  }

  private allocate(bits: number): void {
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.slotA = new Int32Array(1 << bits).fill(-1);
    this.slotB = new Uint32Array(1 << bits);
    this.slotValue = new Int32Array(1 << bits);
  }

  private grow(): void {
    const { slotA, slotB, slotValue } = this;
    this.allocate(32 - this.shift + 1);
    for (let i = 0; i < slotA.length; i++) {
      const a = slotA[i] as number;
      if (a !== -1) this.place(a, slotB[i] as number, slotValue[i] as number);
    }
  }
}
