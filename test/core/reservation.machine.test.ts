// The reservation state machine, table-driven: every request against every
// status, before and at the hold's expiry.
import { describe, expect, it } from 'vitest';
import {
  decideTransition, finalStatuses, moveTiers, refusalError, transitionTable, type Transition,
} from '../../src/core/reservation.machine.ts';
import type { ReservationStatus } from '../../src/core/stock.types.ts';

const EXP = 1_000;
const before = EXP - 1;

/** What a request does to a reservation in a status, before its expiry. */
type Expect = 'already' | 'notDue' | `refused:${ReservationStatus}` | `move:${ReservationStatus}`;

const summary = (op: Transition, status: ReservationStatus, nowMs: number): string => {
  const d = decideTransition(op, { status, expiresAtMs: EXP }, nowMs);
  switch (d.kind) {
    case 'move': return `move:${d.edge.to}${d.expiredInstead ? ' (refused as expired)' : ''}`;
    case 'refused': return `refused:${d.status}`;
    default: return d.kind;
  }
};

describe('decideTransition', () => {
  it.each<[Transition, ReservationStatus, Expect]>([
    ['confirm', 'held', 'move:confirmed'],
    ['confirm', 'confirmed', 'already'],
    ['confirm', 'released', 'refused:released'],
    ['confirm', 'expired', 'refused:expired'],
    ['confirm', 'fulfilled', 'refused:fulfilled'],
    ['release', 'held', 'move:released'],
    ['release', 'confirmed', 'move:released'],
    ['release', 'released', 'already'],
    ['release', 'expired', 'refused:expired'],
    ['release', 'fulfilled', 'refused:fulfilled'],
    ['fulfil', 'held', 'refused:held'],
    ['fulfil', 'confirmed', 'move:fulfilled'],
    ['fulfil', 'released', 'refused:released'],
    ['fulfil', 'expired', 'refused:expired'],
    ['fulfil', 'fulfilled', 'already'],
    ['expire', 'held', 'notDue'],
    ['expire', 'confirmed', 'refused:confirmed'],
    ['expire', 'released', 'refused:released'],
    ['expire', 'expired', 'refused:expired'],
    ['expire', 'fulfilled', 'refused:fulfilled'],
  ])('before the expiry, %s of a %s reservation: %s', (op, status, expected) => {
    expect(summary(op, status, before)).toBe(expected);
  });

  it.each<[Transition, string]>([
    ['confirm', 'move:expired (refused as expired)'],
    ['release', 'move:expired (refused as expired)'],
    ['fulfil', 'move:expired (refused as expired)'],
    ['expire', 'move:expired'],
  ])('a held reservation at its expiry is expired by %s: %s', (op, expected) => {
    expect(summary(op, 'held', EXP)).toBe(expected);
    expect(summary(op, 'held', EXP + 5_000)).toBe(expected);
  });

  it('past the expiry, only a held reservation expires: the others resolve as before it', () => {
    for (const op of Object.keys(transitionTable) as Transition[]) {
      for (const status of ['confirmed', 'released', 'expired', 'fulfilled'] as const) {
        expect(summary(op, status, EXP + 5_000), `${op} ${status}`).toBe(summary(op, status, before));
      }
    }
  });

  it('never leaves a final status', () => {
    for (const op of Object.keys(transitionTable) as Transition[]) {
      for (const status of finalStatuses) {
        for (const now of [before, EXP + 1]) expect(decideTransition(op, { status, expiresAtMs: EXP }, now).kind).not.toBe('move');
      }
    }
  });
});

describe('transitionTable', () => {
  it('moves stock so that held units are reserved, confirmed units committed, fulfilled ones gone', () => {
    const held = { onHand: 10, reserved: 3, committed: 0 };
    const confirmed = moveTiers(held, transitionTable.confirm[0]!.move, 3);
    expect(confirmed).toEqual({ onHand: 10, reserved: 0, committed: 3 });
    expect(moveTiers(confirmed!, transitionTable.fulfil[0]!.move, 3)).toEqual({ onHand: 7, reserved: 0, committed: 0 });
    expect(moveTiers(confirmed!, transitionTable.release[1]!.move, 3)).toEqual({ onHand: 10, reserved: 0, committed: 0 });
    expect(moveTiers(held, transitionTable.release[0]!.move, 3)).toEqual({ onHand: 10, reserved: 0, committed: 0 });
    expect(moveTiers(held, transitionTable.expire[0]!.move, 3)).toEqual({ onHand: 10, reserved: 0, committed: 0 });
  });

  it('moveTiers refuses a move that would break an invariant', () => {
    expect(moveTiers({ onHand: 10, reserved: 2, committed: 0 }, transitionTable.confirm[0]!.move, 3)).toBeNull();
    expect(moveTiers({ onHand: 2, reserved: 0, committed: 3 }, transitionTable.fulfil[0]!.move, 3)).toBeNull();
  });
});

describe('refusalError', () => {
  it('names the status in its code and carries it as reservationStatus', () => {
    expect(refusalError('held', 'r1')).toEqual({
      code: 'RESERVATION_NOT_CONFIRMED', detail: 'reservation r1 is held, not yet confirmed', extra: { reservationStatus: 'held' },
    });
    expect(refusalError('expired', 'r2')).toMatchObject({ code: 'RESERVATION_EXPIRED', extra: { reservationStatus: 'expired' } });
  });
});
