// PalletClient: the public API a storefront uses, thin over fetch. Each
// method is one operation of the OpenAPI document (clientOperations below,
// checked against the served document by test/client/client.test.ts); the
// types come from the document too (types.ts).
import type { paths } from './gen/openapi.js';
import { newIdempotencyKey, Transport, type CallOptions, type PalletClientOptions } from './http.js';
import type {
  AuditPage, CancelRequest, MethodOf, Order, OrderAccepted, OrderDraft, OrderListFilters, OrderPage, Reservation,
  ReserveRequest, ResponseBody, ReviewRequest, SkuStock,
} from './types.js';

/** Options of a call that changes something once: the same Idempotency-Key again gets the same answer and no second effect. */
export interface IdempotentCallOptions extends CallOptions {
  /** Default: a random UUID (PalletError.idempotencyKey tells it, to retry with). A cart or order number makes retries across restarts safe. */
  readonly idempotencyKey?: string;
}

export interface PageOptions extends CallOptions {
  /** At most this many pages are read (default 1000); more is a RangeError: narrow the filters or raise it. */
  readonly pagesMax?: number;
}

const op = <P extends keyof paths, M extends MethodOf<P>>(method: M, path: P, idempotent = false) =>
  ({ method: method.toUpperCase() as Uppercase<M>, path, idempotent }) as const;

/** Every operation the client calls: method, path template of the OpenAPI document, and whether it sends an Idempotency-Key. */
export const clientOperations = {
  reserve: op('post', '/v1/reservations', true),
  getReservation: op('get', '/v1/reservations/{id}'),
  confirmReservation: op('post', '/v1/reservations/{id}/confirm'),
  fulfilReservation: op('post', '/v1/reservations/{id}/fulfil'),
  releaseReservation: op('delete', '/v1/reservations/{id}'),
  submitOrder: op('post', '/v1/orders', true),
  getOrder: op('get', '/v1/orders/{id}'),
  listOrders: op('get', '/v1/orders'),
  orderAudit: op('get', '/v1/orders/{id}/audit'),
  reviewOrder: op('post', '/v1/orders/{id}/review'),
  cancelOrder: op('post', '/v1/orders/{id}/cancel'),
  getStock: op('get', '/v1/stock/{sku}'),
  getStocks: op('get', '/v1/stock'),
} as const;

export type ClientOperation = keyof typeof clientOperations;

export const pagesMaxDefault = 1_000;

export class PalletClient {
  readonly reservations: ReservationsApi;
  readonly orders: OrdersApi;
  readonly stock: StockApi;

  constructor(opts: PalletClientOptions) {
    const t = new Transport(opts);
    this.reservations = new ReservationsApi(t);
    this.orders = new OrdersApi(t);
    this.stock = new StockApi(t);
  }
}

/** Stock reservations: the checkout hot path (checkout key). */
export class ReservationsApi {
  private readonly t: Transport;
  constructor(transport: Transport) {
    this.t = transport;
  }

  /** Reserves a whole cart atomically, or nothing (409 STOCK_INSUFFICIENT lists the short lines). */
  reserve(cart: ReserveRequest, opts: IdempotentCallOptions = {}): Promise<Reservation> {
    const { idempotencyKey = newIdempotencyKey(), ...call } = opts;
    return this.t.send({ ...clientOperations.reserve, body: cart, idempotencyKey }, call);
  }

  get(id: string, opts?: CallOptions): Promise<Reservation> {
    return this.t.send({ ...clientOperations.getReservation, params: { id } }, opts);
  }

  /** Payment received: held → confirmed (again: the same answer, nothing changes). */
  confirm(id: string, opts?: CallOptions): Promise<Reservation> {
    return this.t.send({ ...clientOperations.confirmReservation, params: { id } }, opts);
  }

  /** Shipped: confirmed → fulfilled. */
  fulfil(id: string, opts?: CallOptions): Promise<Reservation> {
    return this.t.send({ ...clientOperations.fulfilReservation, params: { id } }, opts);
  }

  /** Cancelled: held or confirmed → released, the stock back to available. */
  release(id: string, opts?: CallOptions): Promise<Reservation> {
    return this.t.send({ ...clientOperations.releaseReservation, params: { id } }, opts);
  }
}

/** The order pool: submit (checkout key), read (any key), list and audit (read key), review and cancel (ops key). */
export class OrdersApi {
  private readonly t: Transport;
  constructor(transport: Transport) {
    this.t = transport;
  }

  /** Submits the storefront's order; 202 once it is durable. The order id is known at once; the order appears shortly after. */
  submit(draft: OrderDraft, opts: IdempotentCallOptions = {}): Promise<OrderAccepted> {
    const { idempotencyKey = newIdempotencyKey(), ...call } = opts;
    return this.t.send({ ...clientOperations.submitOrder, body: draft, idempotencyKey }, call);
  }

  get(id: string, opts?: CallOptions): Promise<Order> {
    return this.t.send({ ...clientOperations.getOrder, params: { id } }, opts);
  }

  /** One page, newest first; pass the page's `nextCursor` as `cursor` for the next one (null: no more). */
  list(filters: OrderListFilters & { readonly cursor?: string } = {}, opts?: CallOptions): Promise<OrderPage> {
    const { hold, limit, ...rest } = filters;
    const query = { ...rest, hold: hold === undefined ? undefined : String(hold), limit: limit === undefined ? undefined : String(limit) };
    return this.t.send({ ...clientOperations.listOrders, query }, opts);
  }

  /** Every page of a filtered list, following nextCursor, at most `pagesMax` pages. */
  async *pages(filters: OrderListFilters = {}, opts: PageOptions = {}): AsyncGenerator<OrderPage, void, undefined> {
    const { pagesMax = pagesMaxDefault, ...call } = opts;
    if (!Number.isInteger(pagesMax) || pagesMax < 1) throw new TypeError('pagesMax must be a positive integer');
    let cursor: string | null = null;
    for (let page = 0; page < pagesMax; page++) {
      const got: OrderPage = await this.list(cursor === null ? filters : { ...filters, cursor }, call);
      yield got;
      cursor = got.nextCursor;
      if (cursor === null) return;
    }
    throw new RangeError(`more than ${pagesMax} pages of orders: narrow the filters or raise pagesMax`);
  }

  /** Every order of a filtered list, page after page (see pages()). */
  async *each(filters: OrderListFilters = {}, opts: PageOptions = {}): AsyncGenerator<Order, void, undefined> {
    for await (const page of this.pages(filters, opts)) yield* page.orders;
  }

  /** The audit trail from after entry `after` (default 0), at most `limit` entries (1..1000, default 100). */
  audit(id: string, range: { readonly after?: number; readonly limit?: number } = {}, opts?: CallOptions): Promise<AuditPage> {
    const query = { after: range.after === undefined ? undefined : String(range.after), limit: range.limit === undefined ? undefined : String(range.limit) };
    return this.t.send({ ...clientOperations.orderAudit, params: { id }, query }, opts);
  }

  /** Approves (released to the warehouse) or rejects (cancelled) an order on hold; 409 ORDER_INVALID_TRANSITION otherwise. */
  review(id: string, decision: ReviewRequest, opts?: CallOptions): Promise<Order> {
    return this.t.send({ ...clientOperations.reviewOrder, params: { id }, body: decision }, opts);
  }

  /** Cancels an order before its goods leave; its stock is released. */
  cancel(id: string, request: CancelRequest, opts?: CallOptions): Promise<Order> {
    return this.t.send({ ...clientOperations.cancelOrder, params: { id }, body: request }, opts);
  }
}

/** Stock reads (read or checkout key). */
export class StockApi {
  private readonly t: Transport;
  constructor(transport: Transport) {
    this.t = transport;
  }

  /** One SKU per warehouse, with totals; a bundle's availability is what its scarcest component allows. */
  get(sku: string, opts?: CallOptions): Promise<SkuStock> {
    return this.t.send({ ...clientOperations.getStock, params: { sku } }, opts);
  }

  /** Several SKUs in one call (at most the server's PALLET_SKUS_PER_BATCH_READ_MAX). */
  async getMany(skus: readonly string[], opts?: CallOptions): Promise<SkuStock[]> {
    if (skus.length === 0) return [];
    const got = await this.t.send<ResponseBody<'/v1/stock', 'get', 200>>({ ...clientOperations.getStocks, query: { skus: skus.join(',') } }, opts);
    return got.items;
  }
}
