// tailState (app/tail-check.service.ts) against in-memory ports: which logged
// acknowledgements a check verifies, which it reports as lost, which it
// marks stale. The Redis and JetStream adapters behind the ports are covered
// by test/pipeline/tail-guard.test.ts.
import { describe, expect, it } from 'vitest';
import type { AckLog, AckLogSnapshot, AckMark, EventStream, StreamBounds } from '../../src/app/event-log.port.ts';
import { tailState } from '../../src/app/tail-check.service.ts';

const nowMs = 1_000_000_000;
const staleBeforeMs = nowMs - 180_000;

function logOf(marks: AckMark[], extra: Partial<AckLogSnapshot> = {}): AckLog & { reads: number } {
  const log = {
    reads: 0,
    read: async (): Promise<AckLogSnapshot> => {
      log.reads++;
      return { entries: marks.map((mark) => ({ member: `${mark.seq}|${mark.atMs}|${mark.id}`, mark })), verifiedSeq: 0, damaged: null, staleBeforeMs, ...extra };
    },
  };
  return log;
}

/** A stream holding `ids` at sequences first.. (null: a deleted message). */
function streamOf(first: number, ids: (string | null)[], order: string[] = []): EventStream & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    bounds: async (): Promise<StreamBounds> => {
      order.push('bounds');
      return { firstSeq: first, lastSeq: first + ids.length - 1, messages: ids.filter((x) => x !== null).length };
    },
    msgIdAt: async (seq: number) => {
      asked.push(seq);
      return ids[seq - first] ?? null;
    },
  };
}

const mark = (seq: number, id: string, atMs = nowMs): AckMark => ({ seq, id, atMs });

describe('tailState', () => {
  it('is intact when every logged sequence holds its message id; verifiedSeq is the highest checked', async () => {
    const t = await tailState(logOf([mark(2, 'b'), mark(4, 'd')]), streamOf(1, ['a', 'b', 'c', 'd', 'e']));
    expect(t).toMatchObject({ intact: true, reason: '', lost: null, verifiedSeq: 4, lastSeq: 5, stale: [] });
    expect(t.earliest).toEqual(mark(2, 'b'));
  });

  it('reports the first logged sequence the stream no longer reaches, with its log member', async () => {
    const t = await tailState(logOf([mark(3, 'c'), mark(7, 'g'), mark(9, 'i')]), streamOf(1, ['a', 'b', 'c', 'd', 'e']));
    expect(t.intact).toBe(false);
    expect(t.lost).toEqual(mark(7, 'g'));
    expect(t.lostMember).toBe(`7|${nowMs}|g`);
    expect(t.reason).toBe('the stream ends at 5, below the acknowledged 7');
    expect(t.verifiedSeq).toBe(0);
  });

  it('reports a sequence that holds another message id, or none, as lost', async () => {
    const other = await tailState(logOf([mark(2, 'b')]), streamOf(1, ['a', 'x', 'c']));
    expect(other.reason).toBe('the message at 2 is "x", not the acknowledged "b"');
    const hole = await tailState(logOf([mark(2, 'b')]), streamOf(1, ['a', null, 'c']));
    expect(hole.reason).toBe('no message at the acknowledged sequence 2');
  });

  it('counts sequences below the stream\'s first as verified without reading them (limits remove from the front)', async () => {
    const stream = streamOf(10, ['j', 'k']);
    const t = await tailState(logOf([mark(3, 'c'), mark(11, 'k')]), stream);
    expect(t).toMatchObject({ intact: true, verifiedSeq: 11 });
    expect(stream.asked).toEqual([11]);
  });

  it('a regular check skips what was verified before; a full check reads everything again', async () => {
    const log = logOf([mark(2, 'b'), mark(4, 'd')], { verifiedSeq: 2 });
    const regular = streamOf(1, ['a', 'b', 'c', 'd']);
    expect(await tailState(log, regular, false)).toMatchObject({ intact: true, verifiedSeq: 4 });
    expect(regular.asked).toEqual([4]);
    const full = streamOf(1, ['a', 'b', 'c', 'd']);
    await tailState(log, full, true);
    expect(full.asked).toEqual([2, 4]);
  });

  it('marks verified entries older than the log\'s window stale, on full checks only', async () => {
    const marks = [mark(1, 'a', staleBeforeMs - 1), mark(2, 'b', staleBeforeMs)];
    expect((await tailState(logOf(marks), streamOf(1, ['a', 'b']), true)).stale).toEqual([`1|${staleBeforeMs - 1}|a`]);
    expect((await tailState(logOf(marks), streamOf(1, ['a', 'b']), false)).stale).toEqual([]);
  });

  it('is not intact while a found loss is being repaired, whatever the stream holds', async () => {
    const t = await tailState(logOf([mark(1, 'a')], { damaged: 'lost 7' }), streamOf(1, ['a']));
    expect(t).toMatchObject({ intact: false, reason: 'a loss was found and is being repaired: lost 7', lost: null, earliest: mark(1, 'a') });
  });

  it('reads the log before the stream\'s bounds (an acknowledgement logged in between is not below the bounds read)', async () => {
    const order: string[] = [];
    const log: AckLog = { read: async () => { order.push('log'); return { entries: [], verifiedSeq: 0, damaged: null, staleBeforeMs }; } };
    await tailState(log, streamOf(1, ['a'], order));
    expect(order).toEqual(['log', 'bounds']);
  });
});
