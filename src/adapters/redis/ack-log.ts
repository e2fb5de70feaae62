// The acknowledgement log of the event log's durability watch (see the tail
// guard): every publisher notes each PubAck's stream sequence with the message
// id it acknowledged (AckedSeqMark) and, about once a second, logs the highest
// in the sorted set `<ns>:{js}:acked` (noteAcked-1.lua, bounded). RedisAckLog
// reads the log for a check and keeps its bookkeeping: the highest verified
// sequence, the damaged mark while a found loss is repaired, and when the log
// was last found intact (okAt, for the retention floors).
import type { RedisClient } from './connection.ts';
import type { AckLog, AckLogSnapshot, AckMark, AckNotes } from '../../app/event-log.port.ts';
import { eventLogKeys, eventLogLossWindowMs, eventLogMarginMs } from './keys.ts';
import { Code, runScript } from './scripts.ts';

/** Anything that hands out a Redis connection with the scripts registered (RedisPool). */
interface RedisSource { next(): RedisClient }

/**
 * The highest PubAck sequence this process saw since its last flush, with its
 * message id. Cheap to note on every ack; flushed into the Redis log by the
 * process's own timer. Reset on flush.
 */
export class AckedSeqMark implements AckNotes {
  private highest: AckMark | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: RedisSource, private readonly namespace: string, private readonly logMax: number) {
    if (!(logMax >= 1)) throw new Error('AckedSeqMark: logMax must be ≥ 1');
  }

  note(seq: number, msgId: string): void {
    if (seq > 0 && msgId !== '' && (this.highest === null || seq > this.highest.seq)) this.highest = { seq, id: msgId, atMs: Date.now() };
  }

  /** Logs what was noted since the last flush; keeps it when Redis fails. */
  async flush(): Promise<void> {
    const m = this.highest;
    if (m === null) return;
    this.highest = null;
    try {
      await runScript(this.redis.next(), 'noteAcked', [eventLogKeys(this.namespace).ackedMark], [m.seq, m.id, m.atMs, this.logMax]);
    } catch (err) {
      const since = this.highest as AckMark | null; // noted while the flush was in flight
      if (since === null || since.seq < m.seq) this.highest = m;
      throw err;
    }
  }

  start(intervalMs: number, onError: (err: unknown) => void): void {
    if (this.timer !== null || intervalMs <= 0) return;
    this.timer = setInterval(() => { this.flush().catch(onError); }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }
}

/** The logged acknowledgements, lowest sequence first (at most the log's bound). */
export async function readAckLog(redis: RedisClient, namespace: string): Promise<{ member: string; mark: AckMark }[]> {
  const members = await redis.zrange(eventLogKeys(namespace).ackedMark, 0, -1);
  const out: { member: string; mark: AckMark }[] = [];
  for (const member of members) {
    const [seq, at, ...id] = member.split('|');
    out.push({ member, mark: { seq: Number(seq), atMs: Number(at), id: id.join('|') } });
  }
  return out;
}

export class RedisAckLog implements AckLog {
  private readonly keys: ReturnType<typeof eventLogKeys>;

  constructor(private readonly redis: RedisClient, private readonly namespace: string) {
    this.keys = eventLogKeys(namespace);
  }

  async read(): Promise<AckLogSnapshot> {
    const [entries, verifiedRaw, damaged] = await Promise.all([
      readAckLog(this.redis, this.namespace), this.redis.get(this.keys.verified), this.redis.get(this.keys.damaged),
    ]);
    return {
      entries, damaged,
      verifiedSeq: Number((verifiedRaw ?? '0').split('-')[0]) || 0,
      staleBeforeMs: Date.now() - eventLogLossWindowMs - eventLogMarginMs,
    };
  }

  /** Drops entries a full check verified that are older than the loss window. */
  async dropStale(members: readonly string[]): Promise<void> {
    if (members.length > 0) await this.redis.zrem(this.keys.ackedMark, ...members);
  }

  /** Raises the highest verified sequence (never lowers it). */
  async raiseVerified(seq: number): Promise<void> {
    if (seq > 0) await runScript(this.redis, 'raiseWatermark', [this.keys.verified], [`${seq}-0`]);
  }

  /** Marks the log damaged while `member` is still logged; false when a repair deleted it meanwhile. */
  async markDamaged(member: string, reason: string): Promise<boolean> {
    const reply = await runScript(this.redis, 'markDamaged', [this.keys.ackedMark, this.keys.damaged], [member, reason.slice(0, 500)]);
    return reply[0] === Code.OK;
  }

  /** After a repair: everything logged so far is covered. */
  async clear(): Promise<void> {
    await this.redis.del(this.keys.ackedMark, this.keys.verified, this.keys.damaged);
  }

  /**
   * Records when the log was last found intact, for the retention floors. It
   * expires after `ttlMs`: a guard that stops checking pins retention for at
   * most that long.
   */
  async markIntact(ttlMs: number): Promise<void> {
    await this.redis.set(this.keys.okAt, String(Date.now()), 'PX', ttlMs);
  }
}
