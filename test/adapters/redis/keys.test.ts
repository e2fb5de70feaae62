// The Redis key layout has one parser (keys.ts): what TenantKeys builds,
// parseCellKey / cellOf / reservationIdOf take apart again, and nothing else
// of the namespace (idempotency keys may contain ':' and braces) passes for a
// cell or a reservation.
import { describe, expect, it } from 'vitest';
import { cellsPattern, parseCellKey, TenantKeys } from '../../../src/adapters/redis/keys.ts';

const ns = 'pallet_t';
const k = new TenantKeys(ns, 'acme');

/** Redis glob match for the patterns used here (`*` only). */
const globMatches = (pattern: string, key: string): boolean =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(key);

describe('cell keys', () => {
  it('parses back the tenant, warehouse and sku of every cell key it builds', () => {
    for (const [wh, sku] of [['A', 'tea'], ['WH-1', 'sku.v2_x'], ['w', 'S']] as const) {
      expect(parseCellKey(ns, k.cell(wh, sku))).toEqual({ key: k.cell(wh, sku), tenant: 'acme', warehouse: wh, sku });
      expect(k.cellOf(k.cell(wh, sku))).toEqual({ warehouse: wh, sku });
    }
  });

  it('matches every cell key with the SCAN patterns, and parses nothing else of the namespace as a cell', () => {
    expect(globMatches(cellsPattern(ns), k.cell('A', 'tea'))).toBe(true);
    expect(globMatches(k.cellPattern, k.cell('A', 'tea'))).toBe(true);
    const others = [
      k.outbox, k.expiry, k.catalogVersion, k.outboxWatermark, k.relayLease, k.paymentJournal, k.drift, k.reservation('r1'),
      k.idempotency('c:A:tea'), k.idempotency('x}:c:A:tea'), k.operation('op:1'),
      `${k.prefix}c:A`, `${k.prefix}c:A:tea:extra`, `${k.prefix}c::tea`, new TenantKeys('other', 'acme').cell('A', 'tea'),
    ];
    for (const key of others) expect(parseCellKey(ns, key), key).toBeNull();
  });

  it('cellOf takes only the tenant\'s own cells', () => {
    expect(k.cellOf(new TenantKeys(ns, 'globex').cell('A', 'tea'))).toBeNull();
  });
});

describe('reservation keys', () => {
  it('parses back the id of every reservation key it builds, and nothing else', () => {
    for (const id of ['r1', 'res_01HXYZ', 'a:b']) expect(k.reservationIdOf(k.reservation(id))).toBe(id);
    expect(globMatches(k.reservationPattern, k.reservation('r1'))).toBe(true);
    for (const key of [k.cell('A', 'tea'), k.relayLease, `${k.prefix}r:`, new TenantKeys(ns, 'globex').reservation('r1')]) {
      expect(k.reservationIdOf(key), key).toBeNull();
    }
  });
});
