// What a recorded event may carry: the reservation status each reservation
// event sets, and the formats of ids and texts as the API admits them. Pure:
// the walk over a decoded envelope that applies these rules is
// adapters/postgres/ledger.validation.ts.
import type { ReservationStatus } from './stock.types.ts';

/** The status a reservation event moves its reservation to. */
export const statusOfEventType: Readonly<Record<string, ReservationStatus>> = {
  'stock.reserved': 'held', 'stock.confirmed': 'confirmed', 'stock.released': 'released',
  'stock.expired': 'expired', 'stock.fulfilled': 'fulfilled',
};

/** Event types this version projects (others are recorded as seen only). */
export const knownEventTypes: ReadonlySet<string> = new Set([
  'stock.set', 'stock.adjusted', ...Object.keys(statusOfEventType), 'payment.received', 'payment.orphaned',
]);

/** Longest free text (reasons, resolutions, delivery ids) an event may carry. */
export const eventTextMax = 200;

/** Ids (warehouse, sku, reservation, payment) as the API admits them. */
const idPattern = /^[A-Za-z0-9._:-]{1,200}$/;
const tenantIdPattern = /^[A-Za-z0-9_-]{1,200}$/;
/** Event ids are composed (`payment:<tenant>:<payment id>:<status>`), so longer. */
const eventIdPattern = /^[A-Za-z0-9._:-]{1,500}$/;
const eventTypePattern = /^[a-z]+\.[a-z_]+$/;

export const isText = (s: unknown, max = eventTextMax): s is string => typeof s === 'string' && s.length > 0 && s.length <= max;
export const isId = (s: unknown): s is string => typeof s === 'string' && idPattern.test(s);
export const isTenantId = (s: unknown): s is string => typeof s === 'string' && tenantIdPattern.test(s);
export const isEventId = (s: unknown): s is string => typeof s === 'string' && eventIdPattern.test(s);
/** `<aggregate>.<event>`, at most 100 characters. */
export const isEventType = (s: unknown): s is string => isText(s, 100) && eventTypePattern.test(s);
