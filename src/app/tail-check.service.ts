// The tail check: whether the event stream still holds every logged
// acknowledged message of the loss window (see the tail guard). An entry of
// the acknowledgement log checks out when the message at its sequence exists
// and carries its id; an entry below the stream's first sequence checks out
// too (limits only remove messages from the front). A regular check verifies
// the entries above the highest verified sequence; a full check verifies all
// of them, so a stream that lost its tail and already grew past it again
// still fails on the entries logged before the loss.
import type { AckLog, AckMark, EventStream } from './event-log.port.ts';

export interface TailState {
  readonly intact: boolean;
  /** Why not ('' when intact). */
  readonly reason: string;
  /** The earliest logged acknowledgement the stream no longer holds (null when intact), and its log member. */
  readonly lost: AckMark | null;
  readonly lostMember?: string;
  /** The earliest acknowledgement in the window (null when the log is empty). */
  readonly earliest: AckMark | null;
  /** The highest sequence verified by this check (0: none). */
  readonly verifiedSeq: number;
  /** Log members older than the loss window that this (full) check verified: the guard drops them. */
  readonly stale: string[];
  readonly lastSeq: number;
}

/**
 * Whether the stream still holds the logged acknowledged messages of the loss
 * window: all of them (`full`), or those above the highest verified sequence.
 */
export async function tailState(log: AckLog, stream: EventStream, full = true): Promise<TailState> {
  // The log first, then the stream: every logged acknowledgement was made before the bounds are read.
  const snapshot = await log.read();
  const bounds = await stream.bounds();
  const { entries, damaged, staleBeforeMs } = snapshot;
  const lastSeq = bounds.lastSeq;
  if (damaged !== null) {
    return { intact: false, reason: `a loss was found and is being repaired: ${damaged}`, lost: null, earliest: entries[0]?.mark ?? null, verifiedSeq: 0, stale: [], lastSeq };
  }
  const after = full ? 0 : snapshot.verifiedSeq;
  const stale: string[] = [];
  let earliest: AckMark | null = null;
  let verifiedSeq = 0;
  for (const { member, mark } of entries) {
    // Old entries are checked like any other (NATS may have been down longer than the window); a full check that
    // verified them drops them.
    earliest ??= mark;
    if (mark.seq <= after) continue;
    if (mark.seq >= bounds.firstSeq) {
      const reason = await missing(stream, mark, lastSeq);
      if (reason !== '') return { intact: false, reason, lost: mark, lostMember: member, earliest, verifiedSeq: 0, stale: [], lastSeq };
    }
    verifiedSeq = Math.max(verifiedSeq, mark.seq);
    if (full && mark.atMs < staleBeforeMs) stale.push(member);
  }
  return { intact: true, reason: '', lost: null, earliest, verifiedSeq, stale, lastSeq };
}

/** Why the stream does not hold the acknowledged message ('' when it does). */
async function missing(stream: EventStream, mark: AckMark, lastSeq: number): Promise<string> {
  if (mark.seq > lastSeq) return `the stream ends at ${lastSeq}, below the acknowledged ${mark.seq}`;
  const id = await stream.msgIdAt(mark.seq);
  if (id === null) return `no message at the acknowledged sequence ${mark.seq}`;
  if (id !== mark.id) return `the message at ${mark.seq} is ${JSON.stringify(id)}, not the acknowledged ${JSON.stringify(mark.id)}`;
  return '';
}
