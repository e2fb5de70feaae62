// Address changes and amendments (issue 11): when an order's shipping address
// may still change, and how. Pure.
//
//   pending_payment, paid, on_hold (never released)  → changed at once
//   released, or on_hold waiting for an amendment     → changed, plus an amendment
//                                                        the warehouse must acknowledge;
//                                                        the order is on_hold until it does
//   picking, packed, shipped, delivered               → refused: the warehouse has started
//   cancelled, refunded                               → refused: nothing will ship
//   exception                                         → refused: it may have failed in the
//                                                        warehouse; ops release (then amend)
//                                                        or cancel it first
//
// An order on hold with an amendment reason has been released before: the
// warehouse holds an earlier address, so a further change is an amendment too.
import { canonicalJson, type Actor } from './audit.chain.ts';
import { domainError, fail, ok, type Result } from './errors.ts';
import { normalisePhone } from './channel.transforms.ts';
import type { Address, HoldReason, Order, OrderStatus } from './order.types.ts';

export const amendmentKinds = ['address'] as const;
export type AmendmentKind = (typeof amendmentKinds)[number];

export const amendmentStatuses = ['pending', 'acknowledged'] as const;
export type AmendmentStatus = (typeof amendmentStatuses)[number];

/** A change the warehouse must hear of: pending until it acknowledges (exactly once). */
export interface Amendment {
  readonly orderId: string;
  readonly id: string;
  /** The order's version the change produced (orders an order's amendments). */
  readonly orderVersion: number;
  readonly kind: AmendmentKind;
  readonly before: Address;
  readonly after: Address;
  readonly status: AmendmentStatus;
  readonly createdAtMs: number;
  readonly actor: Actor;
  readonly acknowledgedAtMs?: number;
  readonly acknowledgedBy?: Actor;
}

/** Amendments one order may collect; a change past it is refused (LIMIT_EXCEEDED). */
export const amendmentsPerOrderMax = 100;

export type AddressChangePlan = 'immediate' | 'amend';

/** The hold rule name of an amendment's hold reason. */
export const amendmentRule = 'amendment';

export function amendmentHoldReason(amendmentId: string): HoldReason {
  return { rule: amendmentRule, detail: `address amendment ${amendmentId} awaits the warehouse` };
}

const isAmendmentReason = (r: HoldReason): boolean => r.rule === amendmentRule;

/** Whether the order waits for the warehouse to acknowledge an amendment. */
export const awaitsAmendment = (order: Pick<Order, 'holds'>): boolean => order.holds.some(isAmendmentReason);

/** The hold reasons without the one of `amendmentId`. */
export function withoutAmendment(holds: readonly HoldReason[], amendmentId: string): HoldReason[] {
  const reason = amendmentHoldReason(amendmentId);
  return holds.filter((h) => !(h.rule === reason.rule && h.detail === reason.detail));
}

const beforeWarehouse: ReadonlySet<OrderStatus> = new Set(['pending_payment', 'paid', 'on_hold']);

/** How the address of an order in this state changes, or ORDER_INVALID_TRANSITION naming the state. */
export function addressChangePlan(order: Pick<Order, 'status' | 'holds'>): Result<AddressChangePlan> {
  const { status } = order;
  if (status === 'released' || (status === 'on_hold' && awaitsAmendment(order))) return ok('amend');
  if (beforeWarehouse.has(status)) return ok('immediate');
  const why = status === 'cancelled' || status === 'refunded'
    ? 'nothing will ship'
    : status === 'exception'
      ? 'resolve the exception first (release the order, then change it, or cancel it)'
      : 'the warehouse has started on it';
  return fail(domainError('ORDER_INVALID_TRANSITION', `order is ${status}: the shipping address can no longer change (${why})`, {
    status, command: 'change_address',
  }));
}

/** Same address, field by field (absent and undefined alike). */
export const sameAddress = (a: Address, b: Address): boolean => canonicalJson(a) === canonicalJson(b);

const optionalFields = ['district', 'address2', 'postalCode'] as const;

/**
 * The address as a channel mapping would store it: text trimmed, the country
 * upper case, the phone normalised (channel.transforms.ts normalisePhone).
 * Empty optional fields are left out. `path` names the field refused.
 */
export function normaliseAddress(input: Address, path: string): Result<Address> {
  const phone = normalisePhone(input.phone);
  if (!phone.ok) return fail(domainError('VALIDATION_FAILED', `${path}.phone ${phone.reason}`, { field: `${path}.phone` }));
  const required = {
    name: input.name.trim(), phone: phone.value as string, country: input.country.trim().toUpperCase(),
    province: input.province.trim(), city: input.city.trim(), address1: input.address1.trim(),
  };
  for (const [field, value] of Object.entries(required)) {
    if (value === '') return fail(domainError('VALIDATION_FAILED', `${path}.${field} must not be empty`, { field: `${path}.${field}` }));
  }
  const optional: { -readonly [K in (typeof optionalFields)[number]]?: string } = {};
  for (const field of optionalFields) {
    const value = input[field]?.trim();
    if (value !== undefined && value !== '') optional[field] = value;
  }
  return ok({ ...required, ...optional });
}
