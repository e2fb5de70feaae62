// Rules for direct changes of on-hand stock (set, adjust). Pure.
import { domainError, type DomainError } from './errors.ts';
import type { CellCounters } from './stock.types.ts';

/**
 * True when a cell may hold `onHand`: never below what reservations hold
 * (reserved + committed, so never below 0) and never above the configured max.
 */
export function onHandFits(c: Pick<CellCounters, 'reserved' | 'committed'>, onHand: number, onHandMax: number): boolean {
  return onHand >= c.reserved + c.committed && onHand <= onHandMax;
}

/** The error of a set or adjust that onHandFits refuses. */
export function stockInvariantError(warehouse: string, sku: string, reserved: number, committed: number, onHandMax: number): DomainError {
  return domainError('STOCK_INVARIANT',
    `onHand of ${warehouse}/${sku} would fall below reserved + committed (${reserved} + ${committed}) or above ${onHandMax}`,
    { reserved, committed });
}
