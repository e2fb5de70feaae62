// The order lifecycle, table-driven: every command against every status, the
// convergence of facts delivered in any order (fast-check; the seed is
// printed, rerun a failure with FC_SEED=<seed>), and the stock steps a status
// asks for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFacts, applyCommand, channelFactKinds, channelFactsOf, converge, goodsLeft, noKnowledge, orderCommands, statusOf, stockStepsFor,
  transition, type OrderCommand, type OrderFact, type OrderKnowledge, type PalletCommand, type StockStep,
} from '../../src/core/order.machine.ts';
import { orderStatuses, type OrderStatus } from '../../src/core/order.types.ts';
import type { ReservationStatus } from '../../src/core/stock.types.ts';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
const numRuns = Number(process.env.FC_RUNS ?? 500);

/** '=' a repeat (no-op), 'x' refused, otherwise the status the command leads to. */
type Cell = OrderStatus | '=' | 'x';

// Columns follow orderCommands: pay, hold, release, pick, pack, ship, deliver, cancel, refund, fail.
const matrix: Record<OrderStatus, readonly Cell[]> = {
  pending_payment: ['paid', 'x', 'x', 'x', 'x', 'x', 'x', 'cancelled', 'x', 'x'],
  paid: ['=', 'on_hold', 'released', 'x', 'x', 'x', 'x', 'cancelled', 'refunded', 'exception'],
  on_hold: ['=', '=', 'released', 'x', 'x', 'x', 'x', 'cancelled', 'refunded', 'exception'],
  released: ['=', 'on_hold', '=', 'picking', 'x', 'x', 'x', 'cancelled', 'refunded', 'exception'],
  picking: ['=', 'x', '=', '=', 'packed', 'shipped', 'x', 'cancelled', 'refunded', 'exception'],
  packed: ['=', 'x', '=', '=', '=', 'shipped', 'x', 'cancelled', 'refunded', 'exception'],
  shipped: ['=', 'x', '=', '=', '=', '=', 'delivered', 'x', 'refunded', 'x'],
  delivered: ['=', 'x', '=', '=', '=', '=', '=', 'x', 'refunded', 'x'],
  cancelled: ['x', 'x', 'x', 'x', 'x', 'exception', 'x', '=', 'refunded', 'x'],
  refunded: ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', '=', 'x'],
  exception: ['=', 'x', 'released', 'x', 'x', 'x', 'x', 'cancelled', 'refunded', '='],
};

const pairs: [OrderStatus, OrderCommand, Cell][] = orderStatuses.flatMap((status) =>
  orderCommands.map((command, i): [OrderStatus, OrderCommand, Cell] => [status, command, matrix[status][i]!]));

const palletCommands = orderCommands.filter((c): c is PalletCommand => c !== 'pay');
const channel = (kind: (typeof channelFactKinds)[number], atMs = 1_000): OrderFact => ({ source: 'channel', kind, atMs });
const pallet = (command: PalletCommand, seq: number): OrderFact => ({ source: 'pallet', command, seq });

describe('transition', () => {
  it('covers every status and command', () => {
    expect(pairs).toHaveLength(orderStatuses.length * orderCommands.length);
  });

  it.each(pairs)('%s, %s: %s', (status, command, cell) => {
    const r = transition(status, command);
    if (cell === 'x') {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toEqual({
          code: 'ORDER_INVALID_TRANSITION', detail: `order is ${status}: ${command} is not allowed`, extra: { status, command },
        });
      }
    } else {
      expect(r).toEqual({ ok: true, value: cell === '=' ? { to: status, changed: false } : { to: cell, changed: true } });
    }
  });

  it('refuses a cancel of a shipped order, naming the status and the command', () => {
    expect(transition('shipped', 'cancel')).toEqual({
      ok: false,
      error: { code: 'ORDER_INVALID_TRANSITION', detail: 'order is shipped: cancel is not allowed', extra: { status: 'shipped', command: 'cancel' } },
    });
  });

  it('an exception after shipment is resolved by cancel or refund, never released to the warehouse again', () => {
    const r = transition('exception', 'release', { shipped: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.detail).toBe('order is exception after shipment: release is not allowed (cancel once the parcel is back, or refund)');
    expect(transition('exception', 'cancel', { shipped: true })).toEqual({ ok: true, value: { to: 'cancelled', changed: true } });
    expect(transition('exception', 'refund', { shipped: true })).toEqual({ ok: true, value: { to: 'refunded', changed: true } });
    expect(transition('exception', 'fail', { shipped: true })).toEqual({ ok: true, value: { to: 'exception', changed: false } });
    // The flag is read only in exception.
    for (const [status, command, cell] of pairs.filter(([s]) => s !== 'exception')) {
      expect(transition(status, command, { shipped: true }).ok, `${status} ${command}`).toBe(cell !== 'x');
    }
  });

  it('refunded is final: nothing leaves it', () => {
    for (const command of orderCommands) {
      const r = transition('refunded', command);
      if (r.ok) expect(r.value).toEqual({ to: 'refunded', changed: false });
    }
  });
});

describe('statusOf and converge', () => {
  it.each<[string, OrderStatus, OrderFact[]]>([
    ['nothing known yet', 'pending_payment', []],
    ['placed', 'pending_payment', [channel('placed')]],
    ['paid before placed', 'paid', [channel('paid', 2_000), channel('placed', 1_000)]],
    ['cancelled before paid', 'cancelled', [channel('cancelled', 3_000), channel('paid', 2_000), channel('placed')]],
    ['refunded before anything else', 'refunded', [channel('refunded'), channel('placed'), channel('paid')]],
    ['held for review', 'on_hold', [channel('paid'), pallet('hold', 2)]],
    ['held, released, held again', 'on_hold', [channel('paid'), pallet('hold', 2), pallet('release', 3), pallet('hold', 4)]],
    ['released after a hold', 'released', [pallet('release', 3), pallet('hold', 2), channel('paid')]],
    ['picking', 'picking', [channel('paid'), pallet('release', 2), pallet('pick', 3)]],
    ['a warehouse failure during picking', 'exception', [channel('paid'), pallet('release', 2), pallet('pick', 3), pallet('fail', 4)]],
    ['an exception released by ops', 'released', [channel('paid'), pallet('fail', 2), pallet('release', 3)]],
    ['an exception cancelled by ops', 'cancelled', [channel('paid'), pallet('fail', 2), pallet('cancel', 3)]],
    ['shipped without a pack report', 'shipped', [pallet('pick', 3), pallet('ship', 4), channel('paid'), pallet('release', 2)]],
    ['delivered', 'delivered', [channel('paid'), pallet('release', 2), pallet('pick', 3), pallet('ship', 4), pallet('deliver', 5)]],
    ['the platform cancels after shipment', 'exception', [channel('paid'), pallet('ship', 4), channel('cancelled', 9_000)]],
    ['the platform cancels after delivery', 'exception', [channel('paid'), pallet('ship', 4), pallet('deliver', 5), channel('cancelled')]],
    ['ops confirm the cancel once the parcel is back', 'cancelled', [channel('paid'), pallet('ship', 4), channel('cancelled'), pallet('cancel', 5)]],
    ['the warehouse ships an order cancelled by ops', 'exception', [channel('paid'), pallet('release', 2), pallet('cancel', 3), pallet('ship', 4)]],
    ['a refund after delivery', 'refunded', [channel('paid'), pallet('ship', 4), pallet('deliver', 5), channel('refunded')]],
    ['a refund settles a cancel after shipment', 'refunded', [channel('paid'), pallet('ship', 4), channel('cancelled'), channel('refunded')]],
  ])('%s → %s', (_name, status, facts) => {
    expect(converge(facts)).toBe(status);
    expect(converge([...facts].reverse())).toBe(status);
  });

  it('keeps the earliest time of a channel fact and the highest seq of a Pallet command', () => {
    const k = addFacts(noKnowledge, [channel('paid', 5_000), channel('paid', 4_000), pallet('hold', 2), pallet('hold', 7), channel('paid', 6_000)]);
    expect(k).toEqual({ paidAtMs: 4_000, seqs: { hold: 7 } });
    expect(addFacts(k, [pallet('hold', 3), channel('paid', 4_500)])).toEqual(k);
  });

  it('reads the channel facts of a draft', () => {
    const facts = channelFactsOf({ placedAtMs: 1, paidAtMs: 2, cancelledAtMs: 3, refundedAtMs: 4 });
    expect(facts.map((f) => (f.source === 'channel' ? f.kind : f.command))).toEqual(['placed', 'paid', 'cancelled', 'refunded']);
    expect(converge(channelFactsOf({ placedAtMs: 1, paidAtMs: 2 }))).toBe('paid');
  });
});

const channelFactArb: fc.Arbitrary<OrderFact> = fc.record({
  source: fc.constant('channel' as const), kind: fc.constantFrom(...channelFactKinds), atMs: fc.integer({ min: 0, max: 1_000_000 }),
});

/** Pallet facts with unique seqs, as Pallet numbers them. */
const palletFactsArb: fc.Arbitrary<OrderFact[]> = fc.array(fc.constantFrom(...palletCommands), { maxLength: 12 })
  .map((commands) => commands.map((command, i) => pallet(command, i + 1)));

const factSetArb = fc.tuple(fc.array(channelFactArb, { maxLength: 8 }), palletFactsArb).map(([a, b]) => [...a, ...b]);

const permutationOf = <T>(items: T[]): fc.Arbitrary<T[]> => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

describe('convergence (property)', () => {
  it('any permutation of the same facts, with any repeats, gives the same knowledge and status', () => {
    console.log(`order.machine convergence: seed=${seed} numRuns=${numRuns} (rerun with FC_SEED=${seed})`);
    const arb = factSetArb.chain((facts) => fc.tuple(
      fc.constant(facts), permutationOf(facts), permutationOf(facts), fc.subarray(facts),
    ));
    fc.assert(fc.property(arb, ([facts, p1, p2, repeats]) => {
      const k1 = addFacts(noKnowledge, p1);
      expect(addFacts(noKnowledge, p2)).toEqual(k1);
      expect(addFacts(addFacts(noKnowledge, repeats), [...p2, ...repeats])).toEqual(k1);
      expect(converge(p1)).toBe(converge(facts));
      expect(converge([...repeats, ...p2])).toBe(converge(facts));
    }), { seed, numRuns });
  });

  /** A command, a forward move (the n-th change allowed now, cancel and refund aside), or a channel document. */
  type Step = { readonly command: OrderCommand } | { readonly forward: number } | { readonly fact: OrderFact };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...orderCommands).map((command) => ({ command })) },
    { weight: 6, arbitrary: fc.nat(9).map((forward) => ({ forward })) },
    { weight: 1, arbitrary: channelFactArb.map((fact) => ({ fact })) },
  );
  const sortKeysArb = fc.array(fc.integer(), { minLength: 40, maxLength: 40 });

  const forwardCommand = (k: OrderKnowledge, n: number): OrderCommand | undefined => {
    const moves = orderCommands.filter((c) => {
      if (c === 'cancel' || c === 'refund') return false;
      const t = transition(statusOf(k), c, { shipped: goodsLeft(k) });
      return t.ok && t.value.changed;
    });
    return moves.length === 0 ? undefined : moves[n % moves.length];
  };

  it('a walk of commands and channel documents: every step agrees with the table, the recorded facts converge in any order', () => {
    console.log(`order.machine walk: seed=${seed} numRuns=${numRuns} (rerun with FC_SEED=${seed})`);
    const reached = new Set<string>();
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 40 }), sortKeysArb, (steps, keys) => {
      let k: OrderKnowledge = noKnowledge;
      const recorded: OrderFact[] = [];
      let everRefunded = false;
      let seq = 0;
      for (const step of steps) {
        const from = statusOf(k);
        if ('fact' in step) {
          recorded.push(step.fact);
          k = addFacts(k, [step.fact]);
        } else {
          const command = 'command' in step ? step.command : forwardCommand(k, step.forward);
          if (command === undefined) continue;
          const r = applyCommand(k, command, { seq: seq + 1, atMs: 5_000 });
          expect(r.ok).toBe(transition(from, command, { shipped: goodsLeft(k) }).ok);
          if (!r.ok) continue;
          if (r.value.fact !== undefined) {
            seq += 1;
            recorded.push(r.value.fact);
          }
          expect(statusOf(r.value.knowledge)).toBe(r.value.to);
          k = r.value.knowledge;
        }
        const now = statusOf(k);
        reached.add(goodsLeft(k) && now === 'exception' ? 'exception after shipment' : now);
        if (everRefunded) expect(now).toBe('refunded');
        everRefunded ||= now === 'refunded';
        if (goodsLeft(k)) expect(['shipped', 'delivered', 'exception', 'cancelled', 'refunded']).toContain(now);
      }
      const order = recorded.map((f, i) => ({ f, key: keys[i % keys.length]!, i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.f);
      expect(converge(order)).toBe(statusOf(k));
    }), { seed, numRuns });
    // The walks are worth something only if they reach every status (checked on full runs; a short FC_RUNS replay may not).
    if (numRuns >= 200) expect([...reached].sort()).toEqual([...orderStatuses, 'exception after shipment'].sort());
  });
});

describe('applyCommand', () => {
  const paid = addFacts(noKnowledge, [channel('placed'), channel('paid')]);

  it('records the fact of a change, nothing for a repeat, and refuses what the table refuses', () => {
    const held = applyCommand(paid, 'hold', { seq: 1, atMs: 0 });
    expect(held).toMatchObject({ ok: true, value: { to: 'on_hold', changed: true, fact: pallet('hold', 1) } });
    if (!held.ok) return;
    const again = applyCommand(held.value.knowledge, 'hold', { seq: 2, atMs: 0 });
    expect(again).toEqual({ ok: true, value: { to: 'on_hold', changed: false, knowledge: held.value.knowledge } });
    expect(applyCommand(held.value.knowledge, 'pick', { seq: 2, atMs: 0 })).toMatchObject({ ok: false, error: { code: 'ORDER_INVALID_TRANSITION' } });
  });

  it('records a payment as the channel fact paid', () => {
    const r = applyCommand(addFacts(noKnowledge, [channel('placed')]), 'pay', { seq: 1, atMs: 7_000 });
    expect(r).toMatchObject({ ok: true, value: { to: 'paid', fact: channel('paid', 7_000) } });
  });

  it('refuses to release an exception raised by a cancel after shipment', () => {
    const k = addFacts(paid, [pallet('release', 1), pallet('pick', 2), pallet('ship', 3), channel('cancelled')]);
    expect(statusOf(k)).toBe('exception');
    expect(applyCommand(k, 'release', { seq: 4, atMs: 0 })).toMatchObject({ ok: false, error: { extra: { status: 'exception', command: 'release' } } });
    expect(applyCommand(k, 'cancel', { seq: 4, atMs: 0 })).toMatchObject({ ok: true, value: { to: 'cancelled' } });
  });

  it('asserts that Pallet numbers its facts upwards', () => {
    const k = addFacts(paid, [pallet('hold', 5)]);
    expect(() => applyCommand(k, 'release', { seq: 5, atMs: 0 })).toThrow(/seq 5 must be an integer above 5/);
  });
});

describe('stockStepsFor', () => {
  it.each<[OrderStatus, ReservationStatus | undefined, StockStep[]]>([
    ['pending_payment', undefined, ['reserve']],
    ['pending_payment', 'held', []],
    ['pending_payment', 'expired', []],
    ['paid', undefined, ['reserve', 'confirm']],
    ['paid', 'held', ['confirm']],
    ['paid', 'expired', ['reserve', 'confirm']],
    ['paid', 'released', ['reserve', 'confirm']],
    ['paid', 'confirmed', []],
    ['on_hold', 'confirmed', []],
    ['released', undefined, ['reserve', 'confirm']],
    ['picking', 'confirmed', []],
    ['packed', 'held', ['confirm']],
    ['shipped', 'confirmed', ['fulfil']],
    ['shipped', 'held', ['confirm', 'fulfil']],
    ['shipped', 'fulfilled', []],
    ['delivered', 'fulfilled', []],
    ['cancelled', 'held', ['release']],
    ['cancelled', 'confirmed', ['release']],
    ['cancelled', 'expired', []],
    ['cancelled', 'fulfilled', []],
    ['refunded', 'confirmed', ['release']],
    ['refunded', 'fulfilled', []],
    ['exception', undefined, []],
    ['exception', 'confirmed', []],
  ])('%s with a %s reservation: %j', (status, reservation, steps) => {
    expect(stockStepsFor(status, reservation)).toEqual(steps);
  });

  it('asks nothing more once its steps are done', () => {
    const after: Record<StockStep, ReservationStatus> = { reserve: 'held', confirm: 'confirmed', release: 'released', fulfil: 'fulfilled' };
    const reservations: (ReservationStatus | undefined)[] = [undefined, 'held', 'confirmed', 'released', 'expired', 'fulfilled'];
    for (const status of orderStatuses) {
      for (const start of reservations) {
        const steps = stockStepsFor(status, start);
        const end = steps.length === 0 ? start : after[steps[steps.length - 1]!];
        expect(stockStepsFor(status, end), `${status} from ${start}`).toEqual([]);
      }
    }
  });
});
