// The projector's reading: pulls (fetch) at most `batchMax` messages at a
// time and reads every pull to its end at once into a buffer — a pull left
// half-read dies of "heartbeats missed" in nats.js — and only starts the next
// pull while the buffer holds less than `batchMax`: at most 2 × batchMax
// messages buffered, plus the batch being written.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';

/** How long a wait for a change lasts before the loop looks around (metrics, stop). */
export const idleMs = 1_000;

/**
 * Pulls messages into a bounded buffer. Every pull is read to its end as fast
 * as it arrives; the next pull is requested only while the buffer holds less
 * than `batchMax`. Errors (consumer or stream gone, no responders) are
 * reported and retried with a growing pause.
 */
export class Pump {
  private buffer: JsMsg[] = [];
  private head = 0;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private finished = false;
  private current: Consumer | null = null;
  private signal: { promise: Promise<void>; resolve: () => void } | null = null;
  private wakePause: (() => void) | null = null;
  /** Check `ready` before the next pull. */
  private check = true;
  private open: ConsumerMessages | null = null;

  constructor(
    private readonly getConsumer: () => Promise<Consumer>,
    private readonly batchMax: number,
    private readonly expiresMs: number,
    private readonly onError: (err: unknown, failures: number) => void,
    /** Checked before the first pull and after any failed one; false: wait and check again. */
    private readonly ready: () => Promise<boolean>,
    /** Called for every message as it is buffered. */
    private readonly onBuffered: (m: JsMsg) => void,
  ) {}

  start(): void {
    this.stopping = false;
    this.finished = false;
    this.loop = this.run();
  }

  /** Finishes the open pull (at most expiresMs), requests no other. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakePause?.();
    this.notify();
    await this.loop;
  }

  size(): number {
    return this.buffer.length - this.head;
  }

  /** No pull will be made any more. */
  ended(): boolean {
    return this.finished;
  }

  /** Ended and empty: nothing more will come out. */
  drained(): boolean {
    return this.finished && this.size() === 0;
  }

  consumer(): Consumer | null {
    return this.current;
  }

  /** Up to `max` buffered messages, oldest first. */
  take(max: number): JsMsg[] {
    const out = this.buffer.slice(this.head, this.head + max);
    this.head += out.length;
    if (this.head > 4_096 || this.head === this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    this.notify();
    return out;
  }

  /** Resolves on the next push, take or end (or after `timeoutMs`, when given). */
  changed(timeoutMs?: number): Promise<void> {
    this.signal ??= (() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => { resolve = r; });
      return { promise, resolve };
    })();
    if (timeoutMs === undefined) return this.signal.promise;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); });
    return Promise.race([this.signal.promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Stops the open pull; `ready` is checked before the next one. */
  recheck(): void {
    this.check = true;
    this.open?.stop();
  }

  /** Wakes whoever waits in changed(). */
  poke(): void {
    this.notify();
  }

  private notify(): void {
    const s = this.signal;
    this.signal = null;
    s?.resolve();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (this.size() >= this.batchMax) {
        await this.changed(idleMs);
        continue;
      }
      if (this.check) {
        this.check = false;
        if (!(await this.ready())) {
          this.check = true;
          await this.pause(idleMs);
          continue;
        }
      }
      try {
        this.current ??= await this.getConsumer();
        const msgs: ConsumerMessages = await this.current.fetch({ max_messages: this.batchMax, expires: this.expiresMs });
        this.open = msgs;
        if (this.check) msgs.stop(); // a disconnect came while the pull was being set up
        for await (const m of msgs) {
          this.onBuffered(m);
          this.buffer.push(m);
          this.notify();
        }
        this.open = null;
        failures = 0;
      } catch (err) {
        this.open = null;
        failures++;
        this.check = true; // the server may have restarted without its tail
        this.current = null;
        this.onError(err, failures);
        if (!this.stopping) await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
    this.finished = true;
    this.notify();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wakePause = null; resolve(); }, ms);
      this.wakePause = () => { clearTimeout(timer); this.wakePause = null; resolve(); };
    });
  }
}
