// The reservation state machine: the transitions, what each does to the stock
// of every allocation, and how a request resolves against a reservation's
// status and expiry. Pure. The Lua scripts (adapters/redis/lua/
// *Reservation-n.lua) carry out the same table atomically; the in-memory
// engine and the property test's reference model call it directly.
//
//   held ──confirm──▶ confirmed ──fulfil──▶ fulfilled
//    │ └──release──▶ released ◀──release──┘
//    └───expire───▶ expired
//
// Each reservation resolves exactly once (released, expired and fulfilled are
// final). A held reservation past its expiry is expired by whatever request
// meets it first: confirm, release and fulfil then expire it and report it
// expired, so a late payment never confirms stock the sweeper was about to
// free.
import { domainError, type DomainError, type ErrorCode } from './errors.ts';
import type { CellCounters, ReservationStatus } from './stock.types.ts';

export type Transition = 'confirm' | 'release' | 'fulfil' | 'expire';

/** Change of a cell's counters per allocated unit (a delta of the counters, not levels). */
export type TierMove = CellCounters;

export interface Edge {
  readonly from: ReservationStatus;
  readonly to: ReservationStatus;
  readonly move: TierMove;
}

const expireEdge: Edge = { from: 'held', to: 'expired', move: { onHand: 0, reserved: -1, committed: 0 } };

/** Every transition, by request: the statuses it leaves, where it goes, and what it does to stock. */
export const transitionTable: Readonly<Record<Transition, readonly Edge[]>> = {
  confirm: [{ from: 'held', to: 'confirmed', move: { onHand: 0, reserved: -1, committed: 1 } }],
  release: [
    { from: 'held', to: 'released', move: { onHand: 0, reserved: -1, committed: 0 } },
    { from: 'confirmed', to: 'released', move: { onHand: 0, reserved: 0, committed: -1 } },
  ],
  fulfil: [{ from: 'confirmed', to: 'fulfilled', move: { onHand: -1, reserved: 0, committed: -1 } }],
  expire: [expireEdge],
};

/** Statuses a reservation never leaves. */
export const finalStatuses: ReadonlySet<ReservationStatus> = new Set<ReservationStatus>(['released', 'expired', 'fulfilled']);

export type TransitionDecision =
  /** Apply `edge` to every allocation. `expiredInstead`: a held reservation past its expiry is expired, and the request is refused as RESERVATION_EXPIRED. */
  | { readonly kind: 'move'; readonly edge: Edge; readonly expiredInstead: boolean }
  /** The request's transition already happened: nothing changes. */
  | { readonly kind: 'already' }
  /** Only for 'expire': held, not yet due. */
  | { readonly kind: 'notDue' }
  /** The reservation is in a status the request cannot leave (see refusalError). */
  | { readonly kind: 'refused'; readonly status: ReservationStatus };

/**
 * How a request resolves against a reservation at nowMs (due when expiresAtMs <= nowMs).
 * Repeating a transition that happened answers 'already' — except 'expire',
 * the sweeper's step, whose repeat is refused as expired (a sweeper counts
 * only the expiries it made).
 */
export function decideTransition(
  op: Transition,
  r: { readonly status: ReservationStatus; readonly expiresAtMs: number },
  nowMs: number,
): TransitionDecision {
  const edges = transitionTable[op];
  if (op !== 'expire' && edges.some((e) => e.to === r.status)) return { kind: 'already' };
  if (r.status === 'held' && r.expiresAtMs <= nowMs) return { kind: 'move', edge: expireEdge, expiredInstead: op !== 'expire' };
  const edge = edges.find((e) => e.from === r.status);
  if (edge === undefined) return { kind: 'refused', status: r.status };
  if (op === 'expire') return { kind: 'notDue' };
  return { kind: 'move', edge, expiredInstead: false };
}

/** The code a request is refused with, by the reservation's status. */
export const refusalCode: Readonly<Record<ReservationStatus, ErrorCode>> = {
  held: 'RESERVATION_NOT_CONFIRMED',
  confirmed: 'RESERVATION_CONFIRMED',
  released: 'RESERVATION_RELEASED',
  expired: 'RESERVATION_EXPIRED',
  fulfilled: 'RESERVATION_FULFILLED',
};

const refusalText: Readonly<Record<ReservationStatus, string>> = {
  held: 'is held, not yet confirmed',
  confirmed: 'is confirmed',
  released: 'was released',
  expired: 'has expired',
  fulfilled: 'was already fulfilled',
};

/** The error of a request refused because the reservation is `status` (an expiry made by the request included). */
export function refusalError(status: ReservationStatus, reservationId: string): DomainError {
  return domainError(refusalCode[status], `reservation ${reservationId} ${refusalText[status]}`, { reservationStatus: status });
}

export const reservationNotFound = (reservationId: string): DomainError =>
  domainError('RESERVATION_NOT_FOUND', `reservation ${reservationId} not found`);

/**
 * The tiers after moving `qty` units by `move`, or null when a counter would
 * break an invariant (below zero, or onHand below reserved + committed): a
 * corrupt state, never a valid outcome.
 */
export function moveTiers(c: CellCounters, move: TierMove, qty: number): CellCounters | null {
  const next = { onHand: c.onHand + move.onHand * qty, reserved: c.reserved + move.reserved * qty, committed: c.committed + move.committed * qty };
  if (next.reserved < 0 || next.committed < 0 || next.onHand < next.reserved + next.committed) return null;
  return next;
}
