/**
 * A map from a pair of 32-bit integers to a non-negative integer, in one typed array: open addressing with
 * linear probing, kept at most half full, so a lookup is a multiply and one or two probes in contiguous
 * memory. The hashed feature keys (high, low halves) and the dictionary trie's edges (node, character
 * code) both live in one; `a` must never be -1, which marks an empty slot.
 *
 * A slot is four 32-bit words (a, b, value, unused) side by side, so a probe touches one cache line; with
 * the three in separate arrays a lookup in a table larger than the cache (CLINC150's vocabulary: 2^17
 * slots) missed the cache up to three times.
 */
export class PairTable {
  private shift = 0;
  private mask = 0;
  private slots = new Int32Array(0);
  private used = 0;

  constructor(expected = 8) {
    let bits = 4;
    while (1 << bits < 2 * expected) bits++;
    this.allocate(bits);
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    const bi = b | 0;
    let s = this.slot(a, b);
    for (;;) {
      const at = s << 2;
      const k = slots[at] as number;
      if (k === -1) return -1;
      if (k === a && slots[at + 1] === bi) return slots[at + 2] as number;
      s = (s + 1) & this.mask;
    }
  }

  /** Stores a pair that is not in the table yet. */
  add(a: number, b: number, value: number): void {
    if (2 * (this.used + 1) > this.slots.length >> 2) this.grow();
    this.place(a, b, value);
    this.used++;
  }

  private slot(a: number, b: number): number {
    return Math.imul(b ^ Math.imul(a, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  private place(a: number, b: number, value: number): void {
    const slots = this.slots;
    let s = this.slot(a, b);
    while ((slots[s << 2] as number) !== -1) s = (s + 1) & this.mask;
    const at = s << 2;
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = value;
  }

  private allocate(bits: number): void {
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(4 << bits);
    for (let at = 0; at < this.slots.length; at += 4) this.slots[at] = -1;
  }

  private grow(): void {
    const old = this.slots;
    this.allocate(32 - this.shift + 1);
    for (let at = 0; at < old.length; at += 4) {
      const a = old[at] as number;
      if (a !== -1) this.place(a, old[at + 1] as number, old[at + 2] as number);
    }
  }
}
