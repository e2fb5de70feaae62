import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, fingerprint, reserveFingerprint } from '../../src/app/fingerprint.ts';

const line = fc.record({ sku: fc.string({ maxLength: 12 }), qty: fc.integer({ min: 1, max: 1_000_000 }) });
const reserveInput = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 5 }),
  warehouse: fc.string({ maxLength: 8 }),
  region: fc.string({ maxLength: 8 }),
  allowSplit: fc.boolean(),
  ttlSeconds: fc.integer({ min: 1, max: 86_400 }),
  excludeWarehouses: fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
}, { requiredKeys: ['lines'] });

describe('fingerprint', () => {
  it('is the same for the same object whatever its key order', () => {
    expect(fingerprint({ b: 1, a: [{ y: 'x', x: 2 }] })).toBe(fingerprint({ a: [{ x: 2, y: 'x' }], b: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });

  it('reserveFingerprint equals fingerprint of the same reservation request (any fields, any strings)', () => {
    const seed = Date.now() % 0x7fffffff;
    console.log(`fast-check seed ${seed}`);
    fc.assert(fc.property(reserveInput, (input) => {
      expect(reserveFingerprint(input)).toBe(fingerprint(input));
    }), { seed, numRuns: 500 });
  });

  it('canonical leaves out undefined members and sorts keys', () => {
    expect(canonical({ b: undefined, a: 'x' })).toBe('{"a":"x"}');
  });
});
