// The exact median of the latest `samplesMax` values: a ring of the values in
// arrival order (which one leaves next) and the same values kept sorted
// (binary search, splice), so adding is O(samplesMax) at worst and reading the
// median O(1). Chosen over a sampled reservoir: with samplesMax in the tens of
// thousands the copy costs microseconds, and the figure is exact for the
// window it names (the board says how many values that is).

export class SlidingMedian {
  private readonly ring: number[] = [];
  /** Next ring slot to overwrite once the ring is full. */
  private head = 0;
  private readonly sorted: number[] = [];

  constructor(readonly samplesMax: number) {
    if (!(Number.isSafeInteger(samplesMax) && samplesMax >= 1)) throw new Error(`samplesMax must be a positive integer, got ${samplesMax}`);
  }

  get size(): number {
    return this.ring.length;
  }

  add(value: number): void {
    if (this.ring.length < this.samplesMax) {
      this.ring.push(value);
    } else {
      const oldest = this.ring[this.head]!;
      this.ring[this.head] = value;
      this.head = (this.head + 1) % this.samplesMax;
      this.sorted.splice(lowerBound(this.sorted, oldest), 1);
    }
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
  }

  /** The median (the mean of the two middle values for an even count, rounded); 0 when empty. */
  median(): number {
    const n = this.sorted.length;
    if (n === 0) return 0;
    const mid = n >> 1;
    return n % 2 === 1 ? this.sorted[mid]! : Math.round((this.sorted[mid - 1]! + this.sorted[mid]!) / 2);
  }

  clear(): void {
    this.ring.length = 0;
    this.sorted.length = 0;
    this.head = 0;
  }
}

/** The first index whose value is not below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
