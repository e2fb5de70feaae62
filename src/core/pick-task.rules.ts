// Pick tasks (issue 12): what each warehouse is told to pick for a released
// order, and how a warehouse's WMS connection is described. Pure.
//
// A task is one (order, warehouse): the reservation's allocations to that
// warehouse, summed per SKU, with the order's shipping address and its
// pending amendments. Its life:
//
//   pending → delivered (pushed and answered 2xx, or pulled and acked)
//           → accepted → picking → packed → shipped      (WMS callbacks)
//           → cannot_fulfil | exception                  (WMS callbacks)
//   any open state → cancelled                           (the order is cancelled)
import type { Amendment } from './amendment.rules.ts';
import { domainError, fail, ok, type Result } from './errors.ts';
import type { Address, Order } from './order.types.ts';
import type { Allocation } from './stock.types.ts';

export const pickTaskStatuses = ['pending', 'delivered', 'accepted', 'picking', 'packed', 'shipped', 'cannot_fulfil', 'exception', 'cancelled'] as const;
export type PickTaskStatus = (typeof pickTaskStatuses)[number];

/** States a cancelled order moves to cancelled (the parcel has not left). */
export const cancellableStatuses: readonly PickTaskStatus[] = ['pending', 'delivered', 'accepted', 'picking', 'packed', 'cannot_fulfil', 'exception'];

export interface PickLine {
  readonly sku: string;
  readonly qty: number;
}

/** An amendment as a task carries it to the warehouse. */
export interface TaskAmendment {
  readonly id: string;
  readonly kind: string;
  readonly before: Address;
  readonly after: Address;
  readonly createdAtMs: number;
}

/** A task before it is stored: the part decided from the order and its reservation. */
export interface PickTaskDraft {
  readonly id: string;
  readonly orderId: string;
  readonly warehouse: string;
  readonly lines: readonly PickLine[];
  readonly shippingAddress: Address;
  readonly amendments: readonly TaskAmendment[];
}

export interface PickTask extends PickTaskDraft {
  readonly tenant: string;
  readonly seq: number;
  readonly status: PickTaskStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  /** The consumer gave up pushing it (dead letter); POST …/redeliver tries again. */
  readonly dead: boolean;
  readonly createdAtMs: number;
  readonly deliveredAtMs: number | null;
  readonly updatedAtMs: number;
}

/** Warehouses one order may be split over at most (bounds the tasks made for one event). */
export const warehousesPerOrderMax = 64;

/**
 * One task draft per warehouse of the allocations, lines summed per SKU and
 * sorted by SKU, warehouses in first-allocation order. `taskIdOf` names the
 * task of (order, warehouse) (deterministic: a retry makes the same id).
 */
export function tasksFromAllocations(
  order: Pick<Order, 'id' | 'shippingAddress'>,
  allocations: readonly Allocation[],
  amendments: readonly TaskAmendment[],
  taskIdOf: (orderId: string, warehouse: string) => string,
): Result<PickTaskDraft[]> {
  const byWarehouse = new Map<string, Map<string, number>>();
  for (const a of allocations) {
    if (!Number.isSafeInteger(a.qty) || a.qty <= 0) continue;
    let lines = byWarehouse.get(a.warehouse);
    if (lines === undefined) {
      if (byWarehouse.size >= warehousesPerOrderMax) {
        return fail(domainError('LIMIT_EXCEEDED', `order ${order.id} is allocated to more than ${warehousesPerOrderMax} warehouses`));
      }
      lines = new Map();
      byWarehouse.set(a.warehouse, lines);
    }
    lines.set(a.sku, (lines.get(a.sku) ?? 0) + a.qty);
  }
  const drafts: PickTaskDraft[] = [];
  for (const [warehouse, lines] of byWarehouse) {
    drafts.push({
      id: taskIdOf(order.id, warehouse), orderId: order.id, warehouse,
      lines: [...lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, qty]) => ({ sku, qty })),
      shippingAddress: order.shippingAddress, amendments,
    });
  }
  return ok(drafts);
}

/** The pending amendments of an order, as a task carries them (oldest first). */
export const taskAmendmentsOf = (amendments: readonly Amendment[]): TaskAmendment[] =>
  amendments.filter((a) => a.status === 'pending').map((a) => ({ id: a.id, kind: a.kind, before: a.before, after: a.after, createdAtMs: a.createdAtMs }));

/** The JSON body a push sends (the contract of issue 12). */
export function pushBody(t: PickTaskDraft) {
  return {
    taskId: t.id, orderId: t.orderId, warehouse: t.warehouse,
    lines: t.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    shippingAddress: t.shippingAddress,
    amendments: t.amendments.map((a) => ({ id: a.id, kind: a.kind, before: a.before, after: a.after, createdAt: new Date(a.createdAtMs).toISOString() })),
  };
}

// ---------------------------------------------------------------- WMS connection

/** push: Pallet's signed JSON webhook; pull: the WMS lists and acks; qimen: the QiMen (奇门) protocol (issue 14). */
export const wmsModes = ['push', 'pull', 'qimen'] as const;
export type WmsMode = (typeof wmsModes)[number];

/** What a QiMen connection adds: the WMS's app key, Pallet's owner (customer) id there and its warehouse code. */
export interface QimenSettings {
  readonly appKey: string;
  readonly customerId: string;
  readonly warehouseCode: string;
}

export interface WmsSettings {
  readonly mode: WmsMode;
  /** Where tasks are pushed (push mode) or the WMS's QiMen router (qimen mode); kept but unused in pull mode. */
  readonly url: string | null;
  readonly timeoutMs: number;
  /** Present exactly in qimen mode. */
  readonly qimen?: QimenSettings;
}

export interface WmsInput {
  readonly mode: string;
  readonly url?: string;
  readonly secret: string;
  readonly timeoutMs?: number;
  readonly appKey?: string;
  readonly customerId?: string;
  readonly warehouseCode?: string;
}

export const qimenCodeLengthMax = 64;
const qimenCodePattern = /^[\x21-\x7e]{1,64}$/;

export const wmsSecretLengthMin = 16;
export const wmsSecretLengthMax = 1024;
export const wmsUrlLengthMax = 2048;
export const wmsTimeoutMsMin = 100;
export const wmsTimeoutMsMax = 120_000;

const invalid = (field: string, reason: string) => fail(domainError('VALIDATION_FAILED', `${field}: ${reason}`, { field, errors: [{ field, reason }] }));

/** Checks a WMS connection; `timeoutMsDefault` when the input names none. */
export function checkWms(input: WmsInput, timeoutMsDefault: number): Result<WmsSettings & { readonly secret: string }> {
  if (!(wmsModes as readonly string[]).includes(input.mode)) return invalid('body.mode', `must be one of ${wmsModes.join(', ')}`);
  const mode = input.mode as WmsMode;
  const url = input.url ?? null;
  if ((mode === 'push' || mode === 'qimen') && url === null) return invalid('body.url', `is required in ${mode} mode`);
  if (url !== null && !urlIsHttp(url)) return invalid('body.url', `must be an absolute http or https URL of at most ${wmsUrlLengthMax} characters`);
  if (input.secret.length < wmsSecretLengthMin || input.secret.length > wmsSecretLengthMax) {
    return invalid('body.secret', `must be ${wmsSecretLengthMin}-${wmsSecretLengthMax} characters`);
  }
  const timeoutMs = input.timeoutMs ?? timeoutMsDefault;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < wmsTimeoutMsMin || timeoutMs > wmsTimeoutMsMax) {
    return invalid('body.timeoutMs', `must be a whole number of milliseconds, ${wmsTimeoutMsMin}-${wmsTimeoutMsMax}`);
  }
  const qimen = qimenOf(mode, input);
  if (!qimen.ok) return qimen;
  return ok({ mode, url, timeoutMs, secret: input.secret, ...(qimen.value === null ? {} : { qimen: qimen.value }) });
}

/** The QiMen part: required in qimen mode, refused in the others (so a JSON connection never carries a stale one). */
function qimenOf(mode: WmsMode, input: WmsInput): Result<QimenSettings | null> {
  const fields = ['appKey', 'customerId', 'warehouseCode'] as const;
  if (mode !== 'qimen') {
    const stray = fields.find((f) => input[f] !== undefined);
    return stray === undefined ? ok(null) : invalid(`body.${stray}`, 'is only for mode qimen');
  }
  for (const f of fields) {
    const v = input[f];
    if (v === undefined) return invalid(`body.${f}`, 'is required in qimen mode');
    if (!qimenCodePattern.test(v)) return invalid(`body.${f}`, `must be 1-${qimenCodeLengthMax} printable ASCII characters`);
  }
  return ok({ appKey: input.appKey!, customerId: input.customerId!, warehouseCode: input.warehouseCode! });
}

function urlIsHttp(url: string): boolean {
  if (url.length > wmsUrlLengthMax) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
}

/** Delay before the next push after `deliveryCount` failed deliveries: 250 ms doubling, at most `delayMsMax`. */
export const pushRetryDelayMs = (deliveryCount: number, delayMsMax: number): number =>
  Math.min(delayMsMax, 250 * 2 ** Math.min(Math.max(deliveryCount - 1, 0), 16));
