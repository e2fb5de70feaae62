// Expected failures are values with stable string codes. Core knows only the
// codes and their messages; the HTTP adapter maps each code to a status
// (src/adapters/http/status.ts) and an application/problem+json body.

export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'SIGNATURE_INVALID',
  'SIGNATURE_EXPIRED',
  'FORBIDDEN',
  'UNKNOWN_KEY',
  'NOT_FOUND',
  'TENANT_NOT_FOUND',
  'UNKNOWN_SKU',
  'UNKNOWN_WAREHOUSE',
  'RESERVATION_NOT_FOUND',
  'STOCK_INSUFFICIENT',
  'CALLBACK_REPLAYED',
  'RESERVATION_EXPIRED',
  'RESERVATION_RELEASED',
  'RESERVATION_FULFILLED',
  'RESERVATION_CONFIRMED',
  'RESERVATION_NOT_CONFIRMED',
  'STOCK_INVARIANT',
  'SKU_IS_BUNDLE',
  'BUNDLE_CYCLE',
  'BUNDLE_TOO_DEEP',
  'BUNDLE_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'LIMIT_EXCEEDED',
  'AUTH_RATE_LIMITED',
  'OVERLOADED',
  'ORDER_NOT_FOUND',
  'ORDER_INVALID_TRANSITION',
  'CHANNEL_NOT_FOUND',
  'CHANNEL_EXISTS',
  'MAPPING_INVALID',
  'DOCUMENT_UNMAPPABLE',
  'HOLD_RULES_INVALID',
  'AMENDMENT_NOT_FOUND',
  'ORDER_NOT_SHIPPED',
  'CARRIER_FAILED',
  'WMS_NOT_QIMEN',
  'WMS_FAILED',
  'HELD_CHANGE_DECIDED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface DomainError {
  readonly code: ErrorCode;
  readonly detail: string;
  /** Extra members for the problem body (e.g. the short lines of STOCK_INSUFFICIENT). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function domainError(code: ErrorCode, detail: string, extra?: Record<string, unknown>): DomainError {
  return extra === undefined ? { code, detail } : { code, detail, extra };
}

export type Result<T, E = DomainError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** A programmer error: the process state is wrong, not the input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
