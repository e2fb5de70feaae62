// The outbox watermark (TenantKeys.outboxWatermark, never lowered):
// the relay trims the outbox up to it, so it must never pass an event that is
// not yet in PostgreSQL. A committed batch's highest outbox id per tenant is
// held back (WatermarkGate) until the consumer's ack floor — every message up
// to it acked, i.e. committed or dead-lettered, by any projector instance —
// has passed the batch's highest stream sequence; then it is raised in Redis
// (raiseWatermarks).
import type { RedisClient } from '../../adapters/redis/connection.ts';
import type { Log } from '../../app/log.port.ts';
import { TenantKeys } from '../../adapters/redis/keys.ts';
import { Code, runScript } from '../../adapters/redis/scripts.ts';

/** Compares outbox stream ids `<ms>-<seq>` numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

/** The higher outbox id per tenant of both. */
export function mergeMarks(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(a);
  for (const [tenant, id] of b) {
    const cur = out.get(tenant);
    if (cur === undefined || compareStreamIds(id, cur) > 0) out.set(tenant, id);
  }
  return out;
}

interface Held { maxSeq: number; marks: Map<string, string> }

/**
 * Outbox watermarks of committed batches, held until the consumer's ack floor
 * passes each batch's highest stream sequence. At most `batchesMax` entries:
 * beyond, the two oldest are merged (highest ids, highest sequence), which
 * only makes the watermark wait longer, never run ahead.
 */
export class WatermarkGate {
  private held: Held[] = [];
  /** Bumped by clear(): a batch pulled before a clear is not held after it. */
  generation = 0;

  constructor(private readonly batchesMax: number) {
    if (batchesMax < 2) throw new Error('WatermarkGate: batchesMax must be ≥ 2');
  }

  get size(): number {
    return this.held.length;
  }

  /** Forgets every held batch (their watermarks are then raised by later batches only). */
  clear(): void {
    this.held = [];
    this.generation++;
  }

  /** `generation`: the gate's generation when the batch was pulled (ignored when it has changed since). */
  hold(maxSeq: number, marks: ReadonlyMap<string, string>, generation = this.generation): void {
    if (marks.size === 0 || generation !== this.generation) return;
    this.held.push({ maxSeq, marks: new Map(marks) });
    if (this.held.length > this.batchesMax) {
      const [a, b] = this.held.splice(0, 2) as [Held, Held];
      this.held.unshift({ maxSeq: Math.max(a.maxSeq, b.maxSeq), marks: mergeMarks(a.marks, b.marks) });
    }
  }

  /** The highest outbox id per tenant of every held batch whose sequences are all at or below `ackFloor`. */
  release(ackFloor: number): Map<string, string> {
    let out = new Map<string, string>();
    const keep: Held[] = [];
    for (const h of this.held) {
      if (h.maxSeq <= ackFloor) out = mergeMarks(out, h.marks);
      else keep.push(h);
    }
    this.held = keep;
    return out;
  }
}

/** Raises each tenant's watermark to its id. Best effort: a failed raise is made good by the next batch of the tenant. */
export async function raiseWatermarks(redis: () => RedisClient, namespace: string, marks: ReadonlyMap<string, string>, log: Log): Promise<void> {
  await Promise.all([...marks].map(async ([tenant, id]) => {
    try {
      const reply = await runScript(redis(), 'raiseWatermark', [new TenantKeys(namespace, tenant).outboxWatermark], [id]);
      if (reply[0] !== Code.OK && reply[0] !== Code.ALREADY) log.error({ tenant, id, reply }, 'projector: watermark refused');
    } catch (err) {
      log.warn({ err, tenant, id }, 'projector: raising the outbox watermark failed');
    }
  }));
}
