// @pallet/client: a typed client for Pallet's public API, thin over fetch.
// The Pallet-Signature helper (node:crypto) is a separate entry:
// '@pallet/client/signature'.
export { PalletClient, ReservationsApi, OrdersApi, StockApi, clientOperations, pagesMaxDefault } from './client.js';
export type { ClientOperation, IdempotentCallOptions, PageOptions } from './client.js';
export { timeoutMsDefault } from './http.js';
export type { CallOptions, PalletClientOptions } from './http.js';
export { PalletError } from './errors.js';
export type { ClientErrorCode, Problem, ProblemFieldError } from './errors.js';
export type {
  AuditEntry, AuditPage, CancelRequest, Order, OrderAccepted, OrderDraft, OrderListFilters, OrderPage, OrderStatus,
  Reservation, ReserveRequest, ReviewRequest, SkuStock, paths,
} from './types.js';
