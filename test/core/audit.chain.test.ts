// The audit hash chain: its canonical form (pinned: changing it would break
// every stored chain), hashing, and verification against every kind of
// tampering. The property parts print their seed: rerun with FC_SEED=<seed>.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEntryBytes, canonicalJson, chainStart, entryHash, genesisHash, orderChanges, sealEntry, toHex, verifyChain,
  verifyHead, type AuditDraft, type AuditEntry,
} from '../../src/core/audit.chain.ts';
import type { Order } from '../../src/core/order.types.ts';

const sha256 = (d: Uint8Array): Uint8Array => createHash('sha256').update(d).digest();
const seedOf = (name: string): number => {
  const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`audit.chain ${name} property seed ${seed}`);
  return seed;
};

const draft = (action: string, atMs: number, changes: AuditDraft['changes'] = {}): AuditDraft => ({ actor: { kind: 'key', id: 'key_9' }, atMs, action, changes });

function chain(drafts: readonly AuditDraft[], tenant = 'acme', orderId = 'ord_1'): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const d of drafts) {
    const prev = out.at(-1);
    out.push(sealEntry(tenant, orderId, prev === undefined ? chainStart() : { seq: prev.seq, hash: prev.hash }, d, sha256));
  }
  return out;
}

describe('canonical form', () => {
  it('sorts keys at every depth, drops undefined members, writes undefined array items as null', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,null,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    for (const v of [Number.NaN, Infinity, 10n, () => 1, Symbol('s')]) expect(() => canonicalJson({ v })).toThrow(/canonicalJson/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/nesting/);
  });

  it('is the same before and after a JSON round trip (what jsonb gives back), whatever the key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const c = canonicalJson(v);
      expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(c);
      expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(v)));
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const reversed = Object.fromEntries(Object.entries(v).reverse());
        expect(canonicalJson(reversed)).toBe(c);
      }
    }), { seed: seedOf('round-trip'), numRuns: 300 });
  });

  it('pins the entry bytes and the hash: SHA-256(prev_hash ‖ canonical entry), genesis 32 zero bytes', () => {
    const [e] = chain([draft('address_changed', 1767225600123, {
      shippingAddress: { before: { city: '杭州市', phone: '1' }, after: { phone: '2', city: '上海市' } }, note: { after: 'a"b\n' },
    })]);
    expect(e!.prevHash).toEqual(genesisHash());
    expect(genesisHash()).toEqual(new Uint8Array(32));
    expect(new TextDecoder().decode(canonicalEntryBytes(e!))).toBe(
      '{"action":"address_changed","actor":{"id":"key_9","kind":"key"},"atMs":1767225600123,'
      + '"changes":{"note":{"after":"a\\"b\\n"},"shippingAddress":{"after":{"city":"上海市","phone":"2"},"before":{"city":"杭州市","phone":"1"}}},'
      + `"orderId":"ord_1","prevHash":"${'0'.repeat(64)}","seq":1,"tenant":"acme","v":1}`);
    const expected = createHash('sha256').update(Buffer.alloc(32)).update(canonicalEntryBytes(e!)).digest('hex');
    expect(toHex(e!.hash)).toBe(expected);
    expect(toHex(e!.hash)).toBe('c27f1dca629344094ba58ba4bfec1dfbda79cbfd6fc68407b687fc6f1096d5fd');
  });

  it('links each entry to the previous hash', () => {
    const entries = chain([draft('created', 1), draft('paid', 2), draft('shipped', 3)]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1]!.prevHash).toEqual(entries[0]!.hash);
    expect(entries[2]!.prevHash).toEqual(entries[1]!.hash);
    expect(entryHash(entries[2]!, sha256)).toEqual(entries[2]!.hash);
  });

  it('refuses a draft with an unknown actor kind, an empty action or a fractional time', () => {
    const bad: AuditDraft[] = [
      { ...draft('x', 1), actor: { kind: 'root' as 'key', id: 'k' } },
      { ...draft('x', 1), actor: { kind: 'key', id: '' } },
      draft('', 1),
      draft('x', 1.5),
      { ...draft('x', 1), changes: [] as unknown as AuditDraft['changes'] },
    ];
    for (const d of bad) expect(() => sealEntry('acme', 'o', chainStart(), d, sha256)).toThrow(/invalid audit draft/);
  });
});

describe('verifyChain', () => {
  const drafts = [draft('created', 1, { status: { after: 'paid' } }), draft('held', 2), draft('released', 3), draft('picking', 4)];

  it('accepts an intact chain, also verified in pages', () => {
    const entries = chain(drafts);
    const whole = verifyChain(entries, sha256);
    expect(whole).toEqual({ ok: true, last: { seq: 4, hash: entries[3]!.hash } });
    const first = verifyChain(entries.slice(0, 2), sha256);
    if (!first.ok) throw new Error('first page should verify');
    expect(verifyChain(entries.slice(2), sha256, first.last)).toEqual(whole);
    expect(verifyChain([], sha256)).toEqual({ ok: true, last: chainStart() });
  });

  type Tamper = (e: AuditEntry[]) => AuditEntry[];
  const at = (k: number, f: (e: AuditEntry) => AuditEntry): Tamper => (es) => es.map((e, i) => (i === k - 1 ? f(e) : e));
  const cases: [string, Tamper, number, string][] = [
    ['changes', at(2, (e) => ({ ...e, changes: { status: { after: 'x' } } })), 2, 'hash_mismatch'],
    ['action', at(3, (e) => ({ ...e, action: 'cancelled' })), 3, 'hash_mismatch'],
    ['atMs', at(1, (e) => ({ ...e, atMs: e.atMs + 1 })), 1, 'hash_mismatch'],
    ['actor', at(2, (e) => ({ ...e, actor: { kind: 'system', id: 'key_9' } })), 2, 'hash_mismatch'],
    ['tenant', at(2, (e) => ({ ...e, tenant: 'evil' })), 2, 'wrong_order'],
    ['stored hash', at(4, (e) => ({ ...e, hash: sha256(e.hash) })), 4, 'hash_mismatch'],
    ['re-hashed entry', (es) => {
      const forged = { ...es[1]!, action: 'forged' };
      return es.map((e, i) => (i === 1 ? { ...forged, hash: entryHash(forged, sha256) } : e));
    }, 3, 'prev_hash_mismatch'],
    ['prev_hash', at(1, (e) => ({ ...e, prevHash: new Uint8Array(32).fill(1) })), 1, 'prev_hash_mismatch'],
    ['deleted entry', (es) => es.filter((e) => e.seq !== 2), 2, 'seq_gap'],
    ['swapped entries', (es) => [es[0]!, es[2]!, es[1]!, es[3]!], 2, 'seq_gap'],
  ];

  it.each(cases)('names the first broken entry when the %s changes', (_name, tamper, seq, reason) => {
    expect(verifyChain(tamper(chain(drafts)), sha256)).toMatchObject({ ok: false, firstBrokenSeq: seq, reason });
  });

  it('names the tampered entry for any change to any field of any entry (property)', () => {
    const changesArb = fc.dictionary(fc.string({ maxLength: 8 }), fc.record({ before: fc.jsonValue(), after: fc.jsonValue() }), { maxKeys: 3 });
    fc.assert(fc.property(fc.array(changesArb, { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom('changes', 'action', 'atMs', 'actorId', 'orderId'), (changes, pick, field) => {
      const entries = chain(changes.map((c, i) => draft(`a${i}`, 1000 + i, c)));
      const k = pick % entries.length;
      const e = entries[k]!;
      const forged: AuditEntry = field === 'changes' ? { ...e, changes: { ...e.changes, zz_forged: { after: true } } }
        : field === 'action' ? { ...e, action: `${e.action}!` }
        : field === 'atMs' ? { ...e, atMs: e.atMs + 1 }
        : field === 'actorId' ? { ...e, actor: { ...e.actor, id: `${e.actor.id}!` } }
        : { ...e, orderId: `${e.orderId}!` };
      const verdict = verifyChain(entries.map((x, i) => (i === k ? forged : x)), sha256);
      expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: k + 1 });
    }), { seed: seedOf('tamper'), numRuns: 200 });
  });
});

describe('verifyHead', () => {
  const entries = chain([draft('created', 1), draft('paid', 2), draft('shipped', 3)]);
  const point = (e: AuditEntry) => ({ seq: e.seq, hash: e.hash });

  it('accepts a chain ending at the recorded head and names the first entry missing from the end', () => {
    expect(verifyHead(point(entries[2]!), point(entries[2]!)).ok).toBe(true);
    expect(verifyHead(chainStart(), chainStart()).ok).toBe(true);
    expect(verifyHead(point(entries[1]!), point(entries[2]!))).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'head_mismatch' });
    expect(verifyHead(chainStart(), point(entries[2]!))).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    expect(verifyHead(point(entries[2]!), { seq: 3, hash: new Uint8Array(32) })).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(verifyHead(point(entries[2]!), point(entries[1]!))).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });
});

describe('orderChanges', () => {
  const o: Order = {
    id: 'o1', tenant: 'acme', channel: 'shop', externalId: 'E1', status: 'paid', placedAtMs: 1, paidAtMs: 2,
    buyer: { name: 'B' }, shippingAddress: { name: 'B', phone: '1', country: 'CN', province: 'P', city: 'C', address1: 'A' },
    lines: [{ sku: 'S', qty: 1, unitPriceMinor: 5 }], totals: { currency: 'CNY', itemsMinor: 5, shippingMinor: 0, discountMinor: 0, totalMinor: 5 },
    holds: [], version: 1,
  };

  it('records every set field of a new order as after, and only the differing fields of a change', () => {
    const created = orderChanges(null, o);
    expect(Object.keys(created).sort()).toEqual(['buyer', 'channel', 'externalId', 'holds', 'lines', 'paidAtMs', 'placedAtMs', 'shippingAddress', 'status', 'totals']);
    expect(created.status).toEqual({ after: 'paid' });
    const next: Order = { ...o, status: 'on_hold', reservationId: 'r1', shippingAddress: { ...o.shippingAddress, city: 'D' }, version: 2 };
    delete (next as { paidAtMs?: number }).paidAtMs;
    expect(orderChanges(o, next)).toEqual({
      status: { before: 'paid', after: 'on_hold' },
      reservationId: { after: 'r1' },
      paidAtMs: { before: 2 },
      shippingAddress: { before: o.shippingAddress, after: next.shippingAddress },
    });
    expect(orderChanges(o, { ...o, buyer: { name: 'B' }, version: 2 })).toEqual({});
  });
});
