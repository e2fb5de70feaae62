// A lease in Redis: one owner at a time for a key (a tenant's outbox, the
// event-log repair). Taken and renewed by renewLease-1.lua (owner-checked),
// given up by releaseLease-1.lua (compare-and-delete).
//
// Time: the lease is ours until `sentAtMs + ms`, where sentAtMs is monotonic
// time taken *before* the request left. Redis starts the key's TTL some time
// after that, so the local bound is always earlier than the server's: a slow
// reply can only shorten what we believe we hold, never stretch it.
import type { RedisClient } from './connection.ts';
import { LeaseCode, runScript } from './scripts.ts';

export type LeaseOutcome =
  | { readonly kind: 'acquired' }
  | { readonly kind: 'renewed' }
  | { readonly kind: 'held'; readonly holder: string; readonly remainingMs: number };

export interface LeaseOptions {
  /** Lease length; renewals extend it by this much. */
  readonly ms: number;
  /** Monotonic clock in ms (performance.now by default; tests inject one). */
  readonly monoMs?: () => number;
}

export class RedisLease {
  private untilMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly monoMs: () => number;

  constructor(
    private readonly redis: () => RedisClient,
    readonly key: string,
    readonly owner: string,
    private readonly opts: LeaseOptions,
  ) {
    if (!(Number.isInteger(opts.ms) && opts.ms >= 1)) throw new Error(`lease ms must be a positive integer, got ${opts.ms}`);
    this.monoMs = opts.monoMs ?? (() => performance.now());
  }

  get ms(): number {
    return this.opts.ms;
  }

  /** Monotonic ms until which the lease is surely ours; 0 when not held. */
  get heldUntilMs(): number {
    return this.untilMs;
  }

  /** True while the lease is surely ours, with `marginMs` to spare. */
  held(marginMs = 0, now = this.monoMs()): boolean {
    return now < this.untilMs - marginMs;
  }

  /** True once less than `1 - fraction` of the lease is left: time to renew. */
  due(fraction: number, now = this.monoMs()): boolean {
    return this.untilMs - now <= this.opts.ms * (1 - fraction);
  }

  /** Takes the lease when free, renews it when ours; `held` names the other owner. */
  async acquireOrRenew(): Promise<LeaseOutcome> {
    const sentAtMs = this.monoMs();
    const reply = await runScript(this.redis(), 'renewLease', [this.key], [this.owner, this.opts.ms]);
    if (reply[0] === LeaseCode.ACQUIRED || reply[0] === LeaseCode.RENEWED) {
      this.untilMs = sentAtMs + this.opts.ms;
      return { kind: reply[0] === LeaseCode.ACQUIRED ? 'acquired' : 'renewed' };
    }
    if (reply[0] !== LeaseCode.HELD) throw new Error(`renewLease answered ${JSON.stringify(reply)}`);
    this.untilMs = 0;
    return { kind: 'held', holder: String(reply[1]), remainingMs: Math.max(0, Number(reply[2])) };
  }

  /**
   * Renews every third of the lease in the background until release(); a
   * failed or refused renewal leaves held() to turn false on its own time.
   */
  keepRenewing(onError: (err: unknown) => void): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      this.acquireOrRenew().catch(onError);
    }, Math.max(1, Math.floor(this.opts.ms / 3)));
  }

  /** Stops renewing and deletes the key if this owner still holds it. */
  async release(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const had = this.untilMs > 0;
    this.untilMs = 0;
    if (!had) return;
    // RELEASED, or ABSENT / HELD: it lapsed and is gone or another owner's, which is left alone.
    const reply = await runScript(this.redis(), 'releaseLease', [this.key], [this.owner]);
    if (reply[0] !== LeaseCode.RELEASED && reply[0] !== LeaseCode.ABSENT && reply[0] !== LeaseCode.HELD) {
      throw new Error(`releaseLease answered ${JSON.stringify(reply)}`);
    }
  }

  /** Forgets the lease locally (after a refusal or an error), without a round trip. */
  drop(): void {
    this.untilMs = 0;
  }
}
