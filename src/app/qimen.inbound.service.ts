// What a QiMen (奇门) WMS calls on Pallet (issue 14): one router per
// warehouse (POST /v1/warehouses/{id}/qimen), dispatching on `method`.
//
// In this order, each step answering a failure document and changing nothing:
// the body's size; the query string's system parameters (core/qimen.protocol.ts);
// the method known; the warehouse connected in qimen mode with this app_key and
// customerId; the sign over the query and the raw body (constant time) — and
// only then the XML parsed (DTDs and entities refused by the codec).
//
//   deliveryorder.confirm  → the JSON callbacks' effect (order.fulfilment.service.ts):
//                            packages → picking, packed, shipped (shipments, stock fulfilled),
//                            ACCEPT → accepted, EXCEPTION/REJECT/CANCELED/CLOSED → exception;
//                            once per (warehouse, confirm): the confirm's outBizCode, else its
//                            WMS order id, time, status and tracking numbers
//   itemlack.report        → cannot_fulfil (re-allocation to another warehouse, else the order's exception, the shortage as its reason)
//   stockchange.report     → stock adjustments with their reason through the stock engine;
//                            a movement above the tolerance is held (recorded, not applied) until
//                            a person approves or rejects it (qimen.held.service.ts)
//   entryorder.confirm     → the received quantities added to on-hand
//
// success is answered only once the effect is committed; a failure answer
// names why, and the WMS may send the same request again.
import { createHash } from 'node:crypto';
import type { DomainError } from '../core/errors.ts';
import type { PickTask } from '../core/pick-task.rules.ts';
import {
  lackReasonOf, readDeliveryOrderConfirm, readEntryOrderConfirm, readItemLackReport, readStockChangeReport,
  type DeliveryOrderConfirm, type StockMove,
} from '../core/qimen.documents.ts';
import {
  checkSystemParams, failureAnswer, qfail, qimenInboundMethods, qimenMethods, qok, responseTree, successAnswer,
  type QimenAnswer, type QimenFault, type QimenResult,
} from '../core/qimen.protocol.ts';
import type { Clock } from './clock.port.ts';
import type { PickTaskStore, WmsConfig } from './fulfilment.port.ts';
import type { CallbackOutcome } from './order.fulfilment.service.ts';
import type { NewHeldChange, QimenReportMethod, QimenReportStore, XmlCodec } from './qimen.port.ts';
import { qimenSignMatches } from './qimen.signature.ts';
import type { WmsCallback, WmsCallbackStatus } from './wms-callback.port.ts';
import type { Result } from '../core/errors.ts';

export interface QimenInboundOptions {
  /** How far a request's timestamp may be from now. */
  readonly timestampToleranceSeconds: number;
  /** Bytes of a request body at most (PALLET_QIMEN_BODY_BYTES_MAX). */
  readonly bodyBytesMax: number;
  /** A stockchange.report movement of more units than this is held for a person, not applied (PALLET_QIMEN_STOCK_TOLERANCE_UNITS). */
  readonly stockToleranceUnits: number;
}

export interface QimenReply {
  readonly answer: QimenAnswer;
  /** The response document to send (HTTP 200, whatever the flag). */
  readonly xml: string;
}

/** Query parameters a request may carry at most (the system ones are 8). */
const queryParamsMax = 32;
const reasonLengthMax = 200;

type Verified = { readonly method: string; readonly wms: WmsConfig & { readonly qimen: NonNullable<WmsConfig['qimen']> }; readonly tree: unknown };

export class QimenInboundService {
  constructor(
    private readonly store: Pick<PickTaskStore, 'wms' | 'wmsSecret' | 'task'>,
    private readonly fulfilment: { callback(tenant: string, warehouse: string, cb: WmsCallback): Promise<Result<CallbackOutcome>> },
    private readonly stock: { adjust(tenant: string, warehouse: string, sku: string, delta: number, reason: string, idempotencyKey?: string): Promise<Result<unknown>> },
    private readonly reports: QimenReportStore,
    private readonly codec: XmlCodec,
    private readonly clock: Clock,
    private readonly opts: QimenInboundOptions,
  ) {}

  /** One request to the router of `warehouse`: the raw query string (after `?`) and the raw body. */
  async receive(tenant: string, warehouse: string, rawQuery: string, body: Uint8Array): Promise<QimenReply> {
    const verified = await this.verify(tenant, warehouse, rawQuery, body);
    if (!verified.ok) return this.reply(failureAnswer(verified.fault));
    const done = await this.dispatch(tenant, warehouse, verified.value);
    return this.reply(done.ok ? successAnswer(done.value) : failureAnswer(done.fault));
  }

  /** A failure answer for a request refused before it reached the service (e.g. a body over the HTTP limit). */
  refuse(fault: QimenFault): QimenReply {
    return this.reply(failureAnswer(fault));
  }

  private reply(answer: QimenAnswer): QimenReply {
    return { answer, xml: this.codec.build(responseTree(answer)) };
  }

  private async verify(tenant: string, warehouse: string, rawQuery: string, body: Uint8Array): Promise<QimenResult<Verified>> {
    if (body.length > this.opts.bodyBytesMax) return qfail('BODY_TOO_LARGE', `the body is larger than ${this.opts.bodyBytesMax} bytes`, 'body');
    const params = queryParams(rawQuery);
    if (!params.ok) return params;
    const sys = checkSystemParams(params.value, this.clock.nowMs(), this.opts.timestampToleranceSeconds);
    if (!sys.ok) return sys;
    if (!qimenInboundMethods.includes(sys.value.method)) {
      return qfail('METHOD_UNKNOWN', `Pallet's router takes ${qimenInboundMethods.join(', ')}; not ${sys.value.method}`, 'method');
    }
    const wms = await this.store.wms(tenant, warehouse);
    const secret = wms?.mode === 'qimen' && wms.qimen !== undefined ? await this.store.wmsSecret(tenant, warehouse) : null;
    if (wms === null || wms.qimen === undefined || secret === null) return qfail('SIGNATURE_INVALID', `warehouse ${warehouse} has no QiMen connection`, 'sign');
    if (sys.value.appKey !== wms.qimen.appKey) return qfail('SIGNATURE_INVALID', `app_key is not the one warehouse ${warehouse} is connected with`, 'app_key');
    if (sys.value.customerId !== wms.qimen.customerId) return qfail('SIGNATURE_INVALID', `customerId is not Pallet's owner id at warehouse ${warehouse}`, 'customerId');
    if (!qimenSignMatches(secret, params.value, body, sys.value.sign)) {
      return qfail('SIGNATURE_INVALID', 'the sign does not verify with the app secret over the query parameters and the raw body', 'sign');
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return qfail('XML_INVALID', 'the body is not UTF-8', 'body');
    }
    const tree = this.codec.parse(text);
    if (!tree.ok) return tree;
    return qok({ method: sys.value.method, wms: wms as Verified['wms'], tree: tree.value });
  }

  private dispatch(tenant: string, warehouse: string, v: Verified): Promise<QimenResult<string>> {
    switch (v.method) {
      case qimenMethods.deliveryOrderConfirm: return this.confirm(tenant, warehouse, v);
      case qimenMethods.itemLackReport: return this.itemLack(tenant, warehouse, v);
      case qimenMethods.stockChangeReport: return this.stockChange(tenant, warehouse, v);
      case qimenMethods.entryOrderConfirm: return this.entryOrder(tenant, warehouse, v);
      default: return Promise.resolve(qfail('METHOD_UNKNOWN', `not a method of Pallet's router: ${v.method}`, 'method'));
    }
  }

  // ---------------------------------------------------------------- delivery orders

  private async confirm(tenant: string, warehouse: string, v: Verified): Promise<QimenResult<string>> {
    const doc = readDeliveryOrderConfirm(v.tree);
    if (!doc.ok) return doc;
    const code = sameWarehouse(doc.value.warehouseCode, v.wms.qimen.warehouseCode, 'request.deliveryOrder.warehouseCode');
    if (!code.ok) return code;
    const status = callbackStatusOf(doc.value);
    if (!status.ok) return status;
    const task = await this.taskOf(tenant, warehouse, doc.value.deliveryOrderCode, 'request.deliveryOrder.deliveryOrderCode');
    if (!task.ok) return task;
    const cb: WmsCallback = {
      callbackId: callbackIdOf('confirm', doc.value.deliveryOrderCode, doc.value.confirmKey), taskId: task.value.id, orderId: task.value.orderId,
      status: status.value,
      ...(status.value === 'shipped' ? { parcels: doc.value.parcels } : {}),
      ...(status.value === 'exception' ? { reason: `QiMen deliveryorder.confirm: status ${doc.value.status}` } : {}),
    };
    return this.applyCallback(tenant, warehouse, cb);
  }

  private async itemLack(tenant: string, warehouse: string, v: Verified): Promise<QimenResult<string>> {
    const doc = readItemLackReport(v.tree);
    if (!doc.ok) return doc;
    const code = sameWarehouse(doc.value.warehouseCode, v.wms.qimen.warehouseCode, 'request.warehouseCode');
    if (!code.ok) return code;
    const task = await this.taskOf(tenant, warehouse, doc.value.deliveryOrderCode, 'request.deliveryOrderCode');
    if (!task.ok) return task;
    const key = doc.value.outBizCode ?? JSON.stringify(doc.value.items);
    return this.applyCallback(tenant, warehouse, {
      callbackId: callbackIdOf('itemlack', doc.value.deliveryOrderCode, key), taskId: task.value.id, orderId: task.value.orderId,
      status: 'cannot_fulfil', reason: lackReasonOf(doc.value),
    });
  }

  private async taskOf(tenant: string, warehouse: string, code: string, param: string): Promise<QimenResult<PickTask>> {
    const task = await this.store.task(tenant, code);
    if (task === null || task.warehouse !== warehouse) return qfail('ORDER_NOT_FOUND', `no delivery order ${code} was sent to warehouse ${warehouse}`, param);
    return qok(task);
  }

  private async applyCallback(tenant: string, warehouse: string, cb: WmsCallback): Promise<QimenResult<string>> {
    if (cb.status === 'shipped') {
      // QiMen reports picking and packing apart (orderprocess.report, not served) or not at all: a confirm with
      // packages says both happened, so the order takes those steps first, each once under an id of this confirm
      // (a step the order is already past is recorded and changes nothing).
      for (const step of ['picking', 'packed'] as const) {
        const before = await this.fulfilment.callback(tenant, warehouse, { callbackId: `${cb.callbackId}.${step}`, taskId: cb.taskId, orderId: cb.orderId, status: step });
        if (!before.ok) return faultOfDomain(before.error);
      }
    }
    const applied = await this.fulfilment.callback(tenant, warehouse, cb);
    if (!applied.ok) return faultOfDomain(applied.error);
    const { order, duplicate } = applied.value;
    return qok(duplicate ? `already applied; order ${order.id} is ${order.status}` : `order ${order.id} is ${order.status}`);
  }

  // ---------------------------------------------------------------- stock reports

  private async stockChange(tenant: string, warehouse: string, v: Verified): Promise<QimenResult<string>> {
    const moves = readStockChangeReport(v.tree);
    if (!moves.ok) return moves;
    for (const [i, m] of moves.value.entries()) {
      const code = sameWarehouse(m.warehouseCode, v.wms.qimen.warehouseCode, `request.items.item[${i}].warehouseCode`);
      if (!code.ok) return code;
    }
    const bizId = digest(JSON.stringify(moves.value));
    const tolerance = this.opts.stockToleranceUnits;
    return this.applyReport(tenant, warehouse, 'stockchange.report', bizId, moves.value.map((m) => ({
      sku: m.itemCode, delta: m.quantity, inventoryType: m.inventoryType, reason: stockReasonOf(m), wmsReportId: (m.outBizCode ?? m.orderCode ?? null)?.slice(0, reasonLengthMax) ?? null,
      hold: Math.abs(m.quantity) > tolerance ? `|${m.quantity}| units is above the tolerance of ${tolerance}; held for approval` : null,
    })));
  }

  private async entryOrder(tenant: string, warehouse: string, v: Verified): Promise<QimenResult<string>> {
    const doc = readEntryOrderConfirm(v.tree);
    if (!doc.ok) return doc;
    const code = sameWarehouse(doc.value.warehouseCode, v.wms.qimen.warehouseCode, 'request.entryOrder.warehouseCode');
    if (!code.ok) return code;
    const bizId = digest(`${doc.value.entryOrderCode}\u0000${doc.value.outBizCode ?? JSON.stringify(doc.value.lines)}`);
    return this.applyReport(tenant, warehouse, 'entryorder.confirm', bizId, doc.value.lines.map((l) => ({
      sku: l.itemCode, delta: l.actualQty, inventoryType: l.inventoryType, reason: `QiMen entryorder.confirm ${doc.value.entryOrderCode}`.slice(0, reasonLengthMax),
      wmsReportId: doc.value.entryOrderCode, hold: null,
    })));
  }

  /**
   * Writes the movements of one report (sellable stock, ZP, only; each with an idempotency key of the report
   * and its position, so a report retried after a failure or a crash never counts one twice), then records
   * the report; the same report again answers success and changes nothing.
   */
  private async applyReport(tenant: string, warehouse: string, method: QimenReportMethod, bizId: string, moves: readonly Move[]): Promise<QimenResult<string>> {
    if (await this.reports.seen(tenant, warehouse, method, bizId)) return qok('already applied');
    const applied: object[] = [];
    const held: NewHeldChange[] = [];
    for (const [i, m] of moves.entries()) {
      if (m.delta === 0 || m.inventoryType !== 'ZP') {
        applied.push({ sku: m.sku, delta: m.delta, inventoryType: m.inventoryType, written: false });
        continue;
      }
      if (m.hold !== null) {
        held.push({ itemIndex: i, sku: m.sku, delta: m.delta, reason: m.reason, wmsReportId: m.wmsReportId, why: m.hold });
        continue;
      }
      const written = await this.stock.adjust(tenant, warehouse, m.sku, m.delta, m.reason, `qimen.${bizId}.${i}`);
      if (!written.ok) return qfail('STOCK_REFUSED', `${m.sku} ${m.delta > 0 ? '+' : ''}${m.delta}: ${written.error.code} ${written.error.detail}`, `item[${i}]`);
      applied.push({ sku: m.sku, delta: m.delta, inventoryType: m.inventoryType, written: true });
    }
    await this.reports.record(tenant, { warehouse, method, bizId, status: held.length > 0 ? 'held' : 'applied', applied, held });
    const writtenCount = applied.filter((a) => (a as { written: boolean }).written).length;
    return qok(held.length > 0 ? `applied ${writtenCount}; ${held.length} held for approval` : `applied ${writtenCount}`);
  }
}

interface Move {
  readonly sku: string; readonly delta: number; readonly inventoryType: string; readonly reason: string;
  readonly wmsReportId: string | null; readonly hold: string | null;
}

/** The query string's parameters, decoded; a name given twice is refused (which one would the sign have meant?). */
function queryParams(rawQuery: string): QimenResult<Record<string, string>> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (++count > queryParamsMax) return qfail('PARAM_INVALID', `more than ${queryParamsMax} query parameters`, 'query');
    if (name in out) return qfail('PARAM_INVALID', 'is given more than once', name);
    out[name] = value;
  }
  return qok(out);
}

function sameWarehouse(given: string | undefined, configured: string, param: string): QimenResult<void> {
  return given === undefined || given === configured
    ? qok(undefined) : qfail('DOCUMENT_INVALID', `names warehouse ${given}; this router is warehouse ${configured}'s`, param);
}

/** A confirm's effect on the order, as the JSON callback status it stands for. */
function callbackStatusOf(doc: DeliveryOrderConfirm): QimenResult<WmsCallbackStatus> {
  if (doc.parcels.length > 0) return qok('shipped');
  if (doc.status === 'DELIVERED' || doc.status === 'PARTDELIVERED') {
    return qfail('DOCUMENT_INVALID', `a ${doc.status} confirm must name its packages (logisticsCode, expressCode)`, 'request.packages');
  }
  if (doc.status === 'ACCEPT' || doc.status === 'NEW') return qok('accepted');
  if (['EXCEPTION', 'REJECT', 'CANCELED', 'CLOSED'].includes(doc.status)) return qok('exception');
  return qfail('DOCUMENT_INVALID', `status ${doc.status} is not one Pallet applies (ACCEPT, PARTDELIVERED, DELIVERED, EXCEPTION, REJECT, CANCELED, CLOSED)`, 'request.deliveryOrder.status');
}

const digest = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64url').slice(0, 32);

/** The callback id a QiMen report counts once under (wms_callbacks, per warehouse). */
const callbackIdOf = (kind: string, deliveryOrderCode: string, key: string): string => `qm.${kind}.${digest(`${deliveryOrderCode}\u0000${key}`)}`;

function stockReasonOf(m: StockMove): string {
  const parts = ['QiMen stockchange.report', m.orderType, m.orderCode, m.outBizCode, m.remark].filter((p) => p !== undefined);
  return parts.join(' ').slice(0, reasonLengthMax);
}

function faultOfDomain(e: DomainError): QimenResult<never> {
  switch (e.code) {
    case 'ORDER_INVALID_TRANSITION': return qfail('TRANSITION_REFUSED', e.detail);
    case 'ORDER_NOT_FOUND': case 'NOT_FOUND': return qfail('ORDER_NOT_FOUND', e.detail);
    case 'VALIDATION_FAILED': return qfail('DOCUMENT_INVALID', e.detail);
    default: return qfail('INTERNAL', `${e.code}: ${e.detail}`);
  }
}
