// The commands the stock engine model property test (model.property.test.ts)
// generates: batches of 1-4 reserve / transition / set / adjust / bump
// commands, or a sweep after the fake clock advanced, over a world of 2-3
// warehouses and 3-4 SKUs with some initial stock.
import fc from 'fast-check';
import type { Transition } from '../../src/app/stock.port.ts';

export type Reuse = { pick: number; sameFp: boolean } | null;
export type Cmd =
  | { op: 'reserve'; lines: { sku: number; qty: number }[]; split: boolean; rank: number[]; ttlMs: number; idem: Reuse; catVer: number }
  | { op: Transition; pick: number }
  | { op: 'set'; wh: number; sku: number; onHand: number; reuse: Reuse }
  | { op: 'adjust'; wh: number; sku: number; delta: number; reuse: Reuse }
  | { op: 'bump'; version: number };
export type Step = { kind: 'batch'; advanceMs: number; cmds: Cmd[] } | { kind: 'sweep'; advanceMs: number; max: number };

const reuseArb: fc.Arbitrary<Reuse> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ pick: fc.nat(30), sameFp: fc.boolean() }) },
);
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    op: fc.constant('reserve' as const),
    lines: fc.array(fc.record({ sku: fc.nat(3), qty: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3 }),
    split: fc.boolean(),
    rank: fc.shuffledSubarray([0, 1, 2], { minLength: 1 }),
    ttlMs: fc.integer({ min: 5, max: 40 }),
    idem: reuseArb,
    catVer: fc.integer({ min: 0, max: 4 }),
  }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('confirm' as const), pick: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), pick: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fulfil' as const), pick: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), pick: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), wh: fc.nat(2), sku: fc.nat(3), onHand: fc.integer({ min: 0, max: 15 }), reuse: reuseArb }) },
  { weight: 2, arbitrary: fc.record({
    op: fc.constant('adjust' as const), wh: fc.nat(2), sku: fc.nat(3),
    delta: fc.integer({ min: -6, max: 8 }).filter((d) => d !== 0), reuse: reuseArb,
  }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bump' as const), version: fc.integer({ min: 0, max: 3 }) }) },
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('batch' as const), advanceMs: fc.integer({ min: 0, max: 8 }), cmds: fc.array(cmdArb, { minLength: 1, maxLength: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('batch' as const), advanceMs: fc.integer({ min: 0, max: 8 }), cmds: fc.array(cmdArb, { minLength: 2, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), advanceMs: fc.integer({ min: 0, max: 40 }), max: fc.integer({ min: 1, max: 6 }) }) },
);
export const scenarioArb = fc.record({
  warehouses: fc.integer({ min: 2, max: 3 }),
  skus: fc.integer({ min: 3, max: 4 }),
  /** onHand of every cell (warehouse-major, 3 x 4; cells outside the world are skipped) */
  initial: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 12, maxLength: 12 }),
  steps: fc.array(stepArb, { minLength: 5, maxLength: 30, size: 'max' }),
});
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;
