// The order lifecycle (issue 11): the commands that move an order, the status
// table they follow, how facts that arrive in any order converge to one
// status, and what a status asks of the order's reservation. Pure.
//
//   pending_payment ─pay─▶ paid ─hold─▶ on_hold
//                           │           ▲     │
//                           │         hold  release
//                           │           │     ▼
//                           └─release─▶ released ─pick─▶ picking ─pack─▶ packed ─ship─▶ shipped ─deliver─▶ delivered
//                                                          └──────────────ship───────────▲
//   cancel:    pending_payment … packed, exception → cancelled        (before the goods leave)
//   refund:    paid … delivered, cancelled, exception → refunded      (final)
//   fail:      paid, on_hold, released, picking, packed → exception   (no stock, warehouse failure)
//   exception ─release─▶ released (ops fixed it) · ─cancel─▶ cancelled · ─refund─▶ refunded
//   cancelled ─ship─▶ exception (the warehouse shipped a cancelled order)
//
// Two ways in. A Pallet command (ops, warehouse, automation) goes through
// `transition` / `applyCommand`: refused commands are ORDER_INVALID_TRANSITION.
// A channel document never is: what the platform says (placed, paid,
// cancelled, refunded) is a fact, added with `addFacts`, and the status is
// `statusOf` the facts — the same whatever order the documents came in.
//
// Repeats are no-ops (`changed: false`), never errors: the same command
// again, and a forward step the order is already past on its main line
// (a late `pay` once on_hold … delivered or in exception; `release` once
// picking … delivered; `pick` once packed …; `pack` once shipped …; `ship`
// once delivered). Webhooks and warehouse callbacks repeat and reorder; a
// step that already happened is not news. `pay` on a cancelled or refunded
// order is refused, not a repeat: money arrived for an order that is gone
// (the app's orphaned-payment path).
import { assert, domainError, fail, ok, type DomainError, type Result } from './errors.ts';
import type { OrderDraft, OrderStatus } from './order.types.ts';
import type { ReservationStatus } from './stock.types.ts';

export const orderCommands = ['pay', 'hold', 'release', 'pick', 'pack', 'ship', 'deliver', 'cancel', 'refund', 'fail'] as const;
export type OrderCommand = (typeof orderCommands)[number];

type Moves = Readonly<Partial<Record<OrderCommand, OrderStatus>>>;

/** Every command that moves an order, by status: where it goes. */
export const orderMoves: Readonly<Record<OrderStatus, Moves>> = {
  pending_payment: { pay: 'paid', cancel: 'cancelled' },
  paid: { hold: 'on_hold', release: 'released', fail: 'exception', cancel: 'cancelled', refund: 'refunded' },
  on_hold: { release: 'released', fail: 'exception', cancel: 'cancelled', refund: 'refunded' },
  released: { hold: 'on_hold', pick: 'picking', fail: 'exception', cancel: 'cancelled', refund: 'refunded' },
  picking: { pack: 'packed', ship: 'shipped', fail: 'exception', cancel: 'cancelled', refund: 'refunded' },
  packed: { ship: 'shipped', fail: 'exception', cancel: 'cancelled', refund: 'refunded' },
  shipped: { deliver: 'delivered', refund: 'refunded' },
  delivered: { refund: 'refunded' },
  cancelled: { ship: 'exception', refund: 'refunded' },
  refunded: {},
  exception: { release: 'released', cancel: 'cancelled', refund: 'refunded' },
};

/** Commands that are no-ops in a status (see the header). Everything neither here nor in orderMoves is refused. */
export const orderRepeats: Readonly<Record<OrderStatus, readonly OrderCommand[]>> = {
  pending_payment: [],
  paid: ['pay'],
  on_hold: ['pay', 'hold'],
  released: ['pay', 'release'],
  picking: ['pay', 'release', 'pick'],
  packed: ['pay', 'release', 'pick', 'pack'],
  shipped: ['pay', 'release', 'pick', 'pack', 'ship'],
  delivered: ['pay', 'release', 'pick', 'pack', 'ship', 'deliver'],
  cancelled: ['cancel'],
  refunded: ['refund'],
  exception: ['pay', 'fail'],
};

export interface OrderTransition {
  readonly to: OrderStatus;
  /** False for a repeat: nothing to record, no version bump, no stock step. */
  readonly changed: boolean;
}

export interface TransitionContext {
  /**
   * The goods have left the warehouse (a ship or deliver fact is recorded;
   * `goodsLeft(knowledge)`). Read only in `exception`: after shipment it can
   * be resolved by cancel (the parcel came back) or refund, never released
   * to the warehouse again.
   */
  readonly shipped?: boolean;
}

/** Where `command` takes an order in status `from`, or ORDER_INVALID_TRANSITION. */
export function transition(from: OrderStatus, command: OrderCommand, ctx: TransitionContext = {}): Result<OrderTransition> {
  if (orderRepeats[from].includes(command)) return ok({ to: from, changed: false });
  const to = orderMoves[from][command];
  const afterShipment = from === 'exception' && ctx.shipped === true;
  if (to === undefined || (afterShipment && command === 'release')) return fail(invalidTransition(from, command, afterShipment));
  return ok({ to, changed: true });
}

/** `order is shipped: cancel is not allowed`, extra { status, command }. */
export function invalidTransition(from: OrderStatus, command: OrderCommand, afterShipment = false): DomainError {
  const detail = afterShipment
    ? `order is ${from} after shipment: ${command} is not allowed (cancel once the parcel is back, or refund)`
    : `order is ${from}: ${command} is not allowed`;
  return domainError('ORDER_INVALID_TRANSITION', detail, { status: from, command });
}

// ---- facts and convergence -------------------------------------------------------------------

export const channelFactKinds = ['placed', 'paid', 'cancelled', 'refunded'] as const;
export type ChannelFactKind = (typeof channelFactKinds)[number];

/** Commands Pallet records as its own facts. `pay` is never one: a payment is always the channel's fact `paid`. */
export type PalletCommand = Exclude<OrderCommand, 'pay'>;

export type OrderFact =
  /** What the platform said, with the platform's time. */
  | { readonly source: 'channel'; readonly kind: ChannelFactKind; readonly atMs: number }
  /** What Pallet did, numbered by Pallet: `seq` is unique per order and grows (the order's version when recorded). */
  | { readonly source: 'pallet'; readonly command: PalletCommand; readonly seq: number };

/**
 * Everything known about an order, merged from its facts. Merging only ever
 * takes the earliest time of a channel fact and the highest seq of a Pallet
 * command, so it is commutative, associative and idempotent: any order of
 * arrival, with any repeats, gives the same knowledge.
 */
export interface OrderKnowledge {
  readonly placedAtMs?: number;
  readonly paidAtMs?: number;
  readonly cancelledAtMs?: number;
  readonly refundedAtMs?: number;
  /** The highest seq recorded per Pallet command. */
  readonly seqs: Readonly<Partial<Record<PalletCommand, number>>>;
}

export const noKnowledge: OrderKnowledge = Object.freeze({ seqs: Object.freeze({}) });

const channelField = {
  placed: 'placedAtMs', paid: 'paidAtMs', cancelled: 'cancelledAtMs', refunded: 'refundedAtMs',
} as const satisfies Record<ChannelFactKind, keyof OrderKnowledge>;

type ChannelTimes = { -readonly [K in (typeof channelField)[ChannelFactKind]]?: number };

const earliest = (a: number | undefined, b: number): number => (a === undefined ? b : Math.min(a, b));

/** `k` with `facts` merged in. Loops once over `facts` (the caller bounds them). */
export function addFacts(k: OrderKnowledge, facts: readonly OrderFact[]): OrderKnowledge {
  const times: ChannelTimes = {};
  for (const kind of channelFactKinds) {
    const at = k[channelField[kind]];
    if (at !== undefined) times[channelField[kind]] = at;
  }
  const seqs: Partial<Record<PalletCommand, number>> = { ...k.seqs };
  for (const f of facts) {
    if (f.source === 'channel') times[channelField[f.kind]] = earliest(times[channelField[f.kind]], f.atMs);
    else seqs[f.command] = Math.max(seqs[f.command] ?? f.seq, f.seq);
  }
  return { ...times, seqs };
}

/** The channel's facts in a canonical order (draft or stored order). */
export function channelFactsOf(d: Pick<OrderDraft, 'placedAtMs' | 'paidAtMs' | 'cancelledAtMs' | 'refundedAtMs'>): OrderFact[] {
  const facts: OrderFact[] = [{ source: 'channel', kind: 'placed', atMs: d.placedAtMs }];
  if (d.paidAtMs !== undefined) facts.push({ source: 'channel', kind: 'paid', atMs: d.paidAtMs });
  if (d.cancelledAtMs !== undefined) facts.push({ source: 'channel', kind: 'cancelled', atMs: d.cancelledAtMs });
  if (d.refundedAtMs !== undefined) facts.push({ source: 'channel', kind: 'refunded', atMs: d.refundedAtMs });
  return facts;
}

/** The last seq at which the goods left the warehouse (ship or deliver), if they did. */
function leftSeq(k: OrderKnowledge): number | undefined {
  const { ship, deliver } = k.seqs;
  if (ship === undefined) return deliver;
  return deliver === undefined ? ship : Math.max(ship, deliver);
}

export const goodsLeft = (k: OrderKnowledge): boolean => leftSeq(k) !== undefined;

/** The highest seq Pallet recorded (0 when none): the next Pallet fact needs a higher one. */
export function lastSeq(k: OrderKnowledge): number {
  let last = 0;
  for (const seq of Object.values(k.seqs)) last = Math.max(last, seq);
  return last;
}

/** The warehouse-side stages before shipment; the latest recorded one is the stage. Equal seqs (a corrupt log) resolve by this order. */
const stageOf = [['fail', 'exception'], ['pack', 'packed'], ['pick', 'picking'], ['release', 'released'], ['hold', 'on_hold']] as const;

function latestStage(seqs: OrderKnowledge['seqs']): OrderStatus | undefined {
  let best: { seq: number; status: OrderStatus } | undefined;
  for (const [command, status] of stageOf) {
    const seq = seqs[command];
    if (seq !== undefined && (best === undefined || seq > best.seq)) best = { seq, status };
  }
  return best?.status;
}

/**
 * The status the known facts imply, by precedence:
 *  1. refunded (platform or Pallet) — final, over everything;
 *  2. goods left (ship/deliver recorded) and a cancel known (platform, or
 *     Pallet before the shipment) → exception: ops intercept the parcel or
 *     await its return. A Pallet cancel after the last shipment fact
 *     resolves it → cancelled. Without a cancel → delivered or shipped;
 *  3. cancelled (platform or Pallet), goods still in the warehouse;
 *  4. the latest of fail / pack / pick / release / hold → exception, packed,
 *     picking, released, on_hold (so a release after a fail clears it);
 *  5. paid; else pending_payment.
 * A cancel after shipment is an exception rather than refused because the
 * platform has already cancelled (the buyer will not pay, or is being
 * refunded) while the parcel is on its way: refusing would hide the one case
 * where ops must act (intercept with the carrier or book the return).
 */
export function statusOf(k: OrderKnowledge): OrderStatus {
  const s = k.seqs;
  if (k.refundedAtMs !== undefined || s.refund !== undefined) return 'refunded';
  const cancelKnown = k.cancelledAtMs !== undefined || s.cancel !== undefined;
  const left = leftSeq(k);
  if (left !== undefined) {
    if (s.cancel !== undefined && s.cancel > left) return 'cancelled';
    if (cancelKnown) return 'exception';
    return s.deliver !== undefined ? 'delivered' : 'shipped';
  }
  if (cancelKnown) return 'cancelled';
  return latestStage(s) ?? (k.paidAtMs !== undefined ? 'paid' : 'pending_payment');
}

/** The status of an order with these facts, whatever order they arrived in. */
export const converge = (facts: readonly OrderFact[]): OrderStatus => statusOf(addFacts(noKnowledge, facts));

export interface CommandOutcome extends OrderTransition {
  readonly knowledge: OrderKnowledge;
  /** The fact to record (append to the order's history), absent for a repeat. */
  readonly fact?: OrderFact;
}

/**
 * A Pallet command against what is known: transition from statusOf(k), then
 * the fact to record. `seq` must be above every recorded seq (programmer
 * error otherwise); `atMs` is the time of a `pay` (recorded as the channel
 * fact paid).
 */
export function applyCommand(k: OrderKnowledge, command: OrderCommand, at: { readonly seq: number; readonly atMs: number }): Result<CommandOutcome> {
  const t = transition(statusOf(k), command, { shipped: goodsLeft(k) });
  if (!t.ok) return t;
  if (!t.value.changed) return ok({ ...t.value, knowledge: k });
  assert(Number.isSafeInteger(at.seq) && at.seq > lastSeq(k), `seq ${at.seq} must be an integer above ${lastSeq(k)}`);
  const fact: OrderFact = command === 'pay'
    ? { source: 'channel', kind: 'paid', atMs: at.atMs }
    : { source: 'pallet', command, seq: at.seq };
  const knowledge = addFacts(k, [fact]);
  assert(statusOf(knowledge) === t.value.to, `${command} should lead to ${t.value.to}, the facts say ${statusOf(knowledge)}`);
  return ok({ ...t.value, knowledge, fact });
}

// ---- stock ------------------------------------------------------------------------------------

export const stockSteps = ['reserve', 'confirm', 'release', 'fulfil'] as const;
export type StockStep = (typeof stockSteps)[number];

const none: readonly StockStep[] = Object.freeze([]);
const reserveConfirm: readonly StockStep[] = Object.freeze(['reserve', 'confirm']);

/**
 * What to ask the stock engine, in order, so that the order's reservation
 * matches `status`; `reservation` is its current status (undefined: the
 * order has none). Run after every change of status (and again after a
 * crash: a step already done answers 'already', and this plan then has
 * nothing left).
 *  - pending_payment: a held reservation (reserve if none; an expired one is
 *    left alone, the payment reserves again);
 *  - paid … packed: confirmed (entering paid without one: reserve, confirm);
 *  - shipped, delivered: fulfilled (ship → fulfil);
 *  - cancelled, refunded: released while the goods are in the warehouse
 *    (cancel before shipping → release); a fulfilled one stays (returns are
 *    another flow);
 *  - exception: nothing, whatever is held stays until ops decide.
 * A failed reserve is the app's cue for `fail`.
 */
export function stockStepsFor(status: OrderStatus, reservation: ReservationStatus | undefined): readonly StockStep[] {
  const gone = reservation === undefined || reservation === 'expired' || reservation === 'released';
  switch (status) {
    case 'pending_payment':
      return reservation === undefined ? ['reserve'] : none;
    case 'paid': case 'on_hold': case 'released': case 'picking': case 'packed':
      if (gone) return reserveConfirm;
      return reservation === 'held' ? ['confirm'] : none;
    case 'shipped': case 'delivered':
      if (gone) return ['reserve', 'confirm', 'fulfil'];
      if (reservation === 'held') return ['confirm', 'fulfil'];
      return reservation === 'confirmed' ? ['fulfil'] : none;
    case 'cancelled': case 'refunded':
      return reservation === 'held' || reservation === 'confirmed' ? ['release'] : none;
    case 'exception':
      return none;
  }
}
