// Ports of fulfilment (issue 12): the warehouses' WMS connections, the pick
// tasks (PostgreSQL: adapters/postgres/pick-task.repo.ts) and the push of a
// task to a WMS (HTTP: adapters/http/wms.client.ts).
import type { Result } from '../core/errors.ts';
import type { PickTask, PickTaskDraft, WmsSettings } from '../core/pick-task.rules.ts';
import type { QimenAnswer } from '../core/qimen.protocol.ts';

export interface WmsConfig extends WmsSettings {
  readonly warehouse: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface TaskPage {
  readonly tasks: PickTask[];
  /** Pass back for the next page; null when this page was the last. */
  readonly nextCursor: string | null;
}

export interface CreatedTasks {
  readonly tasks: PickTask[];
  /** Per warehouse of the drafts: its WMS connection, null when it has none. */
  readonly wms: ReadonlyMap<string, WmsConfig | null>;
}

export interface PickTaskStore {
  /** Creates or replaces the warehouse's WMS connection; UNKNOWN_WAREHOUSE when the tenant has no such warehouse. */
  putWms(tenant: string, warehouse: string, settings: WmsSettings, secret: string): Promise<Result<WmsConfig>>;
  /** null: no WMS connection. */
  wms(tenant: string, warehouse: string): Promise<WmsConfig | null>;
  /** The decrypted signing secret; null: no WMS connection. */
  wmsSecret(tenant: string, warehouse: string): Promise<string | null>;
  /**
   * Inserts the drafts that do not exist yet (one per (order, warehouse)); returns every task of the order, in
   * creation order, and the WMS connections of the drafts' warehouses, read in the same transaction.
   */
  createTasks(tenant: string, drafts: readonly PickTaskDraft[]): Promise<CreatedTasks>;
  task(tenant: string, id: string): Promise<PickTask | null>;
  /** The order's tasks (at most `limit`). */
  tasksOfOrder(tenant: string, orderId: string, limit: number): Promise<PickTask[]>;
  /** The warehouse's pending tasks after `cursor`, in order; VALIDATION_FAILED for a cursor it did not write. */
  pendingTasks(tenant: string, warehouse: string, cursor: string | null, limit: number): Promise<Result<TaskPage>>;
  /** pending → delivered (delivered_at = now, dead cleared); the task as it is now, null when there is none. */
  markDelivered(tenant: string, id: string): Promise<PickTask | null>;
  /** Counts a failed push (attempts + 1, last_error), and marks it dead when `dead`. */
  recordFailure(tenant: string, id: string, error: string, dead: boolean): Promise<void>;
  /**
   * Clears dead and attempts so the task can be pushed again; `reopen` also puts a delivered task back to
   * pending (a pulling WMS lists it again). null when there is none.
   */
  revive(tenant: string, id: string, reopen: boolean): Promise<PickTask | null>;
  /** Every open task of the order → cancelled; the number changed. */
  cancelOrderTasks(tenant: string, orderId: string): Promise<number>;
}

export interface PushRequest {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  /** The JSON body, signed as sent. */
  readonly body: string;
}

/** ok: the WMS answered 2xx. Otherwise why not (status, timeout, connection error), for last_error. */
export type PushOutcome = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string };

export interface WmsPush {
  push(req: PushRequest): Promise<PushOutcome>;
}

/** One QiMen call Pallet makes to a WMS's router (issue 14): the document is signed and sent as XML. */
export interface QimenRequest {
  readonly url: string;
  readonly appKey: string;
  readonly secret: string;
  readonly customerId: string;
  readonly timeoutMs: number;
  /** taobao.qimen.deliveryorder.create, taobao.qimen.order.cancel … */
  readonly method: string;
  /** The request document as a tree (core/qimen.documents.ts); the adapter writes it as XML. */
  readonly document: object;
}

/** One exchange with the WMS's answer: its parsed document on success, its answer too on a failure flag. */
export type QimenExchange =
  | { readonly ok: true; readonly status: number; readonly answer: QimenAnswer; readonly tree: unknown }
  | { readonly ok: false; readonly error: string; readonly answer?: QimenAnswer };

/** ok: the WMS answered `<flag>success</flag>`; otherwise why not (failure code and message, HTTP status, timeout). */
export interface QimenGateway {
  call(req: QimenRequest): Promise<PushOutcome>;
  /** The same call, keeping what the WMS answered (inventory.query reads its items, entryorder.create its code and message). */
  exchange(req: QimenRequest): Promise<QimenExchange>;
}
