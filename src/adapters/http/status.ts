// The HTTP status of every error code: domain codes (core/errors.ts) and the
// codes only the HTTP layer produces. Core knows no statuses.
import type { ErrorCode } from '../../core/errors.ts';

/** Status of each domain error code; `satisfies` makes a new core code without a status a compile error. */
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
  ORDER_NOT_FOUND: 404,
  ORDER_INVALID_TRANSITION: 409,
  CHANNEL_NOT_FOUND: 404,
  CHANNEL_EXISTS: 409,
  MAPPING_INVALID: 422,
  DOCUMENT_UNMAPPABLE: 422,
  HOLD_RULES_INVALID: 422,
  AMENDMENT_NOT_FOUND: 404,
  ORDER_NOT_SHIPPED: 409,
  CARRIER_FAILED: 502,
  WMS_NOT_QIMEN: 409,
  WMS_FAILED: 502,
  HELD_CHANGE_DECIDED: 409,
} as const satisfies Record<ErrorCode, number>;

/** HTTP-level codes that are not domain errors. */
export const httpStatus = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_URL: 400,
  DUPLICATE_KEY: 400,
  REQUEST_TIMEOUT: 408,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  URL_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  METHOD_NOT_ALLOWED: 405,
  /** A channel id or channel setting the built-in storefront channel keeps for itself (routes/channels.route.ts). */
  CHANNEL_ID_RESERVED: 422,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ProblemCode = ErrorCode | keyof typeof httpStatus;

/** The status of a problem code (500 for none, which the types rule out). */
export const statusOf = (code: ProblemCode): number =>
  (errorStatus as Record<string, number>)[code] ?? (httpStatus as Record<string, number>)[code] ?? 500;
