// The relay's bound on publishes awaiting a JetStream ack.

/** A counting semaphore: acquire(n) waits (FIFO) until n of `capacity` permits are free. */
export class Permits {
  private free: number;
  private readonly waiting: { n: number; resolve: () => void }[] = [];

  constructor(private readonly capacity: number) {
    this.free = capacity;
  }

  acquire(n: number): Promise<void> {
    const take = Math.min(n, this.capacity);
    if (this.waiting.length === 0 && this.free >= take) {
      this.free -= take;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ n: take, resolve }));
  }

  release(n: number): void {
    this.free += Math.min(n, this.capacity);
    while (this.waiting.length > 0 && this.free >= this.waiting[0]!.n) {
      const w = this.waiting.shift()!;
      this.free -= w.n;
      w.resolve();
    }
  }
}
