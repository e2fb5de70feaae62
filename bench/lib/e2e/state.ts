// State the e2e scenario's reserves, callbacks and confirmed-poller share
// (see bench/lib/e2e.ts): the measured window, the queue of callbacks to send,
// the reservations awaiting confirmation, and the callback counters.

import { performance } from 'node:perf_hooks';
import { Tally, type E2eJob, type LoadJob } from '../load.ts';
import type { ClosedLoopConnection } from '../wire.ts';

const errorKindsMax = 32;
/** Consumed queue entries kept before the queue array is compacted. */
const queueCompactAt = 65_536;

/** A reservation whose payment callback is to be sent; `attempt` counts from 0. */
export interface Pending {
  readonly id: string;
  readonly attempt: number;
}

/** The warmup and measured phases, in performance.now() milliseconds. */
export class MeasureWindow {
  readonly measureStartMs: number;
  readonly measureEndMs: number;

  constructor(warmupSeconds: number, measureSeconds: number) {
    const startMs = performance.now();
    this.measureStartMs = startMs + warmupSeconds * 1_000;
    this.measureEndMs = this.measureStartMs + measureSeconds * 1_000;
  }

  includes(doneMs: number): boolean {
    return doneMs >= this.measureStartMs && doneMs < this.measureEndMs;
  }

  second(doneMs: number): number {
    return Math.floor((doneMs - this.measureStartMs) / 1_000);
  }
}

/**
 * Callbacks waiting to be sent, oldest first. Pushing wakes an idle callback
 * connection; reserves pause while `queueMax` wait and resume below half of it.
 */
export class CallbackQueue {
  private readonly items: Pending[] = [];
  private head = 0;
  private reservesPaused = false;
  /** Callback connections with nothing to send; one is kicked per push. */
  readonly idleCallbacks: ClosedLoopConnection[] = [];
  /** Kicked when the reserves resume. */
  readonly reserveConnections: ClosedLoopConnection[] = [];

  constructor(private readonly queueMax: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(p: Pending): void {
    this.items.push(p);
    this.idleCallbacks.pop()?.kick();
  }

  take(): Pending | undefined {
    if (this.head >= this.items.length) return undefined;
    const p = this.items[this.head++];
    if (this.head > queueCompactAt && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    if (this.reservesPaused && this.size < this.queueMax / 2) {
      this.reservesPaused = false;
      for (const c of this.reserveConnections) c.kick();
    }
    return p;
  }

  /** True (and the reserves pause) when the queue is full. */
  full(): boolean {
    if (this.size < this.queueMax) return false;
    this.reservesPaused = true;
    return true;
  }
}

/** Reservations answered 201 inside the window, until seen confirmed in PostgreSQL, and the lags measured. */
export class Confirmations {
  /** Reservation id → wall-clock ms of its 201. */
  readonly awaiting = new Map<string, number>();
  /** Awaited id → wall-clock ms of its callback's 202. */
  private readonly acceptedAt = new Map<string, number>();
  tracked = 0;
  /** 201 → seen confirmed; 201 → the row's confirmed_at; callback 202 → seen confirmed. */
  readonly lagsMs: number[] = [];
  readonly confirmEventMs: number[] = [];
  readonly afterCallbackMs: number[] = [];

  track(id: string): void {
    this.awaiting.set(id, Date.now());
    this.tracked++;
  }

  callbackAccepted(id: string): void {
    if (this.awaiting.has(id)) this.acceptedAt.set(id, Date.now());
  }

  /** Up to `max` awaited ids, oldest first. */
  oldest(max: number): string[] {
    const ids: string[] = [];
    for (const id of this.awaiting.keys()) {
      ids.push(id);
      if (ids.length >= max) break;
    }
    return ids;
  }

  confirmed(id: string, confirmedMs: number | null, nowMs: number): void {
    const at = this.awaiting.get(id);
    if (at === undefined) return;
    this.awaiting.delete(id);
    this.lagsMs.push(nowMs - at);
    if (confirmedMs !== null) this.confirmEventMs.push(confirmedMs - at);
    const accepted = this.acceptedAt.get(id);
    if (accepted !== undefined) {
      this.acceptedAt.delete(id);
      this.afterCallbackMs.push(nowMs - accepted);
    }
  }
}

/** Callback outcomes: 202s inside the window, errors by kind (at most errorKindsMax kinds, then `other`), given up. */
export class CallbackStats {
  accepted = 0;
  errors = 0;
  givenUp = 0;
  readonly errorKinds = new Map<string, number>();

  error(kind: string): void {
    this.errors++;
    const key = this.errorKinds.has(kind) || this.errorKinds.size < errorKindsMax ? kind : 'other';
    this.errorKinds.set(key, (this.errorKinds.get(key) ?? 0) + 1);
  }
}

/** Everything one e2e run shares between its parts. */
export class E2eState {
  readonly window: MeasureWindow;
  readonly tally: Tally;
  readonly queue: CallbackQueue;
  readonly confirmations = new Confirmations();
  readonly callbacks = new CallbackStats();
  /** The measured window is over: reserves send no more. */
  stopping = false;
  /** Reserves are done: callbacks finish once the queue is empty. */
  reservesFinished = false;

  constructor(
    readonly job: LoadJob,
    readonly e: E2eJob,
  ) {
    this.tally = new Tally(job.measureSeconds);
    this.window = new MeasureWindow(job.warmupSeconds, job.measureSeconds);
    this.queue = new CallbackQueue(e.callbackQueueMax);
  }
}
