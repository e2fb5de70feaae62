// Named types of the public API, taken from the types openapi-typescript
// generated from the served OpenAPI document (gen/openapi.ts): a route schema
// that changes changes these, and `npm run gen:client` must run (the match
// test fails until it does).
import type { paths } from './gen/openapi.js';

export type { paths };

/** The HTTP methods the client uses, as the generated types name them. */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** The methods a path template of the document has. */
export type MethodOf<P extends keyof paths> = {
  [M in Method]: paths[P][M] extends { responses: unknown } ? M : never;
}[Method];

type Operation<P extends keyof paths, M extends MethodOf<P>> = paths[P][M];

/** The JSON body of an operation's request. */
export type RequestBody<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON body of an operation's answer with this status. */
export type ResponseBody<P extends keyof paths, M extends MethodOf<P>, S extends number> =
  Operation<P, M> extends { responses: { [K in S]: { content: { 'application/json': infer R } } } } ? R : never;

/** The query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

// ---------------------------------------------------------------- reservations

/** POST /v1/reservations: the cart to reserve. */
export type ReserveRequest = RequestBody<'/v1/reservations', 'post'>;
/** A reservation: `held` → `confirmed` → `fulfilled`, or `released` / `expired`. */
export type Reservation = ResponseBody<'/v1/reservations/{id}', 'get', 200>;

// ---------------------------------------------------------------- orders

/** POST /v1/orders: the canonical order draft of the tenant's own storefront. */
export type OrderDraft = RequestBody<'/v1/orders', 'post'>;
/** POST /v1/orders answers 202 with the order's id (the order itself is created shortly after). */
export type OrderAccepted = ResponseBody<'/v1/orders', 'post', 202>;
/** An order as the API shows it. */
export type Order = ResponseBody<'/v1/orders/{id}', 'get', 200>;
/** One page of GET /v1/orders. */
export type OrderPage = ResponseBody<'/v1/orders', 'get', 200>;
/** An order's status. */
export type OrderStatus = NonNullable<QueryOf<'/v1/orders', 'get'>['status']>;
/** GET /v1/orders filters; `hold` and `limit` as values rather than query text. */
export type OrderListFilters = Omit<QueryOf<'/v1/orders', 'get'>, 'hold' | 'limit' | 'cursor'> & {
  readonly hold?: boolean;
  /** Orders per page, 1..200 (the API's default: 50). */
  readonly limit?: number;
};
/** One page of an order's audit trail (a hash chain, oldest first). */
export type AuditPage = ResponseBody<'/v1/orders/{id}/audit', 'get', 200>;
export type AuditEntry = AuditPage['entries'][number];
/** POST /v1/orders/{id}/review. */
export type ReviewRequest = RequestBody<'/v1/orders/{id}/review', 'post'>;
/** POST /v1/orders/{id}/cancel. */
export type CancelRequest = RequestBody<'/v1/orders/{id}/cancel', 'post'>;

// ---------------------------------------------------------------- stock

/** A SKU's stock per warehouse, with totals (`available`, `belowSafety`). */
export type SkuStock = ResponseBody<'/v1/stock/{sku}', 'get', 200>;
