// Expected failures are values with stable string codes. The HTTP layer maps
// each code to a status and an application/problem+json body.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SIGNATURE_INVALID: 401,
  SIGNATURE_EXPIRED: 401,
  FORBIDDEN: 403,
  UNKNOWN_KEY: 404,
  NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  UNKNOWN_SKU: 404,
  UNKNOWN_WAREHOUSE: 404,
  RESERVATION_NOT_FOUND: 404,
  STOCK_INSUFFICIENT: 409,
  CALLBACK_REPLAYED: 409,
  RESERVATION_EXPIRED: 409,
  RESERVATION_RELEASED: 409,
  RESERVATION_FULFILLED: 409,
  RESERVATION_CONFIRMED: 409,
  RESERVATION_NOT_CONFIRMED: 409,
  STOCK_INVARIANT: 409,
  SKU_IS_BUNDLE: 409,
  BUNDLE_CYCLE: 422,
  BUNDLE_TOO_DEEP: 422,
  BUNDLE_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  LIMIT_EXCEEDED: 422,
  AUTH_RATE_LIMITED: 429,
  OVERLOADED: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

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
