import { describe, expect, it } from 'vitest';
import { judgePostgres, judgeRedis, refusalMessage } from '../../src/core/durability.rules.ts';

describe('judgeRedis', () => {
  it.each([
    ['yes', 'always', true],
    ['yes', 'everysec', true],
    ['YES', 'Always', true],
    ['yes', 'no', false],
    ['no', 'always', false],
    ['no', 'everysec', false],
  ])('appendonly=%s appendfsync=%s → durable %s', (appendonly, appendfsync, durable) => {
    const v = judgeRedis({ appendonly, appendfsync });
    expect(v.durable).toBe(durable);
    expect(v.problems.length === 0).toBe(durable);
    expect(v.labels).toEqual({ appendonly, appendfsync });
  });

  it('names the setting and what it means for a 2xx', () => {
    expect(judgeRedis({ appendonly: 'no', appendfsync: 'everysec' }).problems).toEqual([expect.stringMatching(/^redis appendonly=no: .*a 2xx is not durable/)]);
    expect(judgeRedis({ appendonly: 'yes', appendfsync: 'no' }).problems).toEqual([expect.stringMatching(/^redis appendfsync=no: .*power loss/)]);
  });

  it('notes that everysec can lose about a second on power loss', () => {
    expect(judgeRedis({ appendonly: 'yes', appendfsync: 'everysec' }).notes).toEqual([expect.stringContaining('~1 s')]);
    expect(judgeRedis({ appendonly: 'yes', appendfsync: 'always' }).notes).toEqual([]);
  });

  it('treats settings it could not read as unknown, and unknown as not durable, with the reason', () => {
    const v = judgeRedis({ appendonly: null, appendfsync: null, unknownReason: "CONFIG GET failed: ERR unknown command 'CONFIG'" });
    expect(v.durable).toBe(false);
    expect(v.labels).toEqual({ appendonly: 'unknown', appendfsync: 'unknown' });
    expect(v.problems).toEqual([expect.stringMatching(/^redis appendonly=unknown: could not be read \(CONFIG GET failed: ERR unknown command 'CONFIG'\)/)]);
    expect(judgeRedis({ appendonly: 'yes', appendfsync: null }).durable).toBe(false);
    // appendonly no is not durable whatever appendfsync is.
    expect(judgeRedis({ appendonly: 'no', appendfsync: null }).problems).toEqual([expect.stringMatching(/^redis appendonly=no/)]);
  });
});

describe('judgePostgres', () => {
  it.each([
    ['on', 'on', true],
    ['on', 'local', true],
    ['on', 'remote_write', true],
    ['on', 'remote_apply', true],
    ['on', 'off', false],
    ['off', 'on', false],
    ['off', 'off', false],
  ])('fsync=%s synchronous_commit=%s → durable %s', (fsync, synchronousCommit, durable) => {
    const v = judgePostgres({ fsync, synchronousCommit });
    expect(v.durable).toBe(durable);
    expect(v.labels).toEqual({ fsync, synchronous_commit: synchronousCommit });
  });

  it('lists every setting that is not durable', () => {
    const v = judgePostgres({ fsync: 'off', synchronousCommit: 'off' });
    expect(v.problems).toEqual([expect.stringMatching(/^postgres fsync=off: /), expect.stringMatching(/^postgres synchronous_commit=off: /)]);
  });

  it('treats settings it could not read as unknown and not durable', () => {
    const v = judgePostgres({ fsync: null, synchronousCommit: null, unknownReason: 'SHOW failed: timeout' });
    expect(v.durable).toBe(false);
    expect(v.labels).toEqual({ fsync: 'unknown', synchronous_commit: 'unknown' });
    expect(v.problems).toHaveLength(2);
  });
});

describe('refusalMessage', () => {
  it('names PALLET_REQUIRE_DURABLE and every non-durable setting of both stores', () => {
    const msg = refusalMessage([
      judgeRedis({ appendonly: 'no', appendfsync: 'everysec' }),
      judgePostgres({ fsync: 'on', synchronousCommit: 'off' }),
    ]);
    expect(msg).toContain('PALLET_REQUIRE_DURABLE=1');
    expect(msg).toContain('redis appendonly=no');
    expect(msg).toContain('postgres synchronous_commit=off');
    expect(msg).not.toContain('fsync=on');
  });
});
