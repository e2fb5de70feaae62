// What Pallet asks of a QiMen (奇门) WMS besides delivery orders (issue 14):
//
//   inventory.query    → the WMS's sellable book stock of the warehouse's SKUs,
//                        set beside Pallet's on-hand per SKU: drift is reported,
//                        never applied (a person decides: a count, an adjustment
//                        with its reason, or a question to the warehouse)
//   entryorder.create  → an inbound (purchase) order announced to the warehouse;
//                        the stock arrives later with the WMS's entryorder.confirm
//                        (qimen.inbound.service.ts adds the received quantities)
//
// Both are one signed request (or a bounded series of them) answered by the
// WMS; nothing in Pallet changes. A WMS that answers a failure flag, another
// HTTP status or nothing is WMS_FAILED naming its code and message.
import type { Catalog } from '../core/catalog.types.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import {
  entryOrderCreate, entryOrderIdOf, inventoryQuery, qimenInventoryCriteriaMax, readInventoryAnswer, type EntryOrderInput, type WmsBookStock,
} from '../core/qimen.documents.ts';
import { qimenMethods } from '../core/qimen.protocol.ts';
import type { CellRef, StockCell } from '../core/stock.types.ts';
import type { Clock } from './clock.port.ts';
import type { PickTaskStore, QimenExchange, QimenGateway, WmsConfig } from './fulfilment.port.ts';

export interface QimenOutboundOptions {
  /** Item codes per inventory.query (≤ the protocol's 100). */
  readonly inventoryBatchSize: number;
  /** SKUs one drift check covers; the caller pages on with `after`. */
  readonly inventorySkusMax: number;
}

export interface SkuDrift {
  readonly sku: string;
  readonly pallet: { readonly onHand: number; readonly reserved: number; readonly committed: number };
  /** null: the WMS named no sellable stock of this item at this warehouse. */
  readonly wms: WmsBookStock | null;
  /** WMS quantity − Pallet on-hand (the WMS not naming the item counts as 0). */
  readonly difference: number;
}

export interface InventoryDrift {
  readonly warehouse: string;
  readonly warehouseCode: string;
  readonly checkedAtMs: number;
  /** SKUs compared in this page, drifted or not, in SKU order. */
  readonly items: readonly SkuDrift[];
  /** Of those, the ones whose difference is not 0. */
  readonly drifted: number;
  /** The last SKU of this page when more follow (pass it as `after`); null on the last page. */
  readonly nextAfter: string | null;
}

export interface EntryOrderSent {
  readonly warehouse: string;
  readonly entryOrderCode: string;
  /** What the WMS answered: its code and message, and its own id of the order when it says one. */
  readonly wms: { readonly code: string; readonly message: string; readonly entryOrderId: string | null };
}

type QimenWms = WmsConfig & { readonly url: string; readonly qimen: NonNullable<WmsConfig['qimen']> };
interface Connection { readonly wms: QimenWms; readonly secret: string; readonly catalog: Catalog }

export class QimenOutboundService {
  constructor(
    private readonly store: Pick<PickTaskStore, 'wms' | 'wmsSecret'>,
    private readonly catalogs: { get(tenant: string): Promise<Catalog | null> },
    private readonly cells: { readCells(tenant: string, cells: readonly CellRef[]): Promise<StockCell[]> },
    private readonly gateway: QimenGateway,
    private readonly clock: Clock,
    private readonly opts: QimenOutboundOptions,
  ) {}

  /**
   * Pallet's on-hand against the WMS's sellable book stock for one page of the warehouse's SKUs (bundles hold no
   * stock of their own and are left out), sorted, starting after `after`. Reads only, on both sides.
   */
  async inventoryDrift(tenant: string, warehouse: string, after: string | null): Promise<Result<InventoryDrift>> {
    const conn = await this.connection(tenant, warehouse);
    if (!conn.ok) return conn;
    const { wms, catalog } = conn.value;
    const all = [...catalog.skus.values()].filter((s) => s.components.length === 0).map((s) => s.sku).sort(byCode);
    const rest = after === null ? all : all.filter((sku) => byCode(sku, after) > 0);
    const page = rest.slice(0, this.opts.inventorySkusMax);
    const cells = await this.cells.readCells(tenant, page.map((sku) => ({ warehouse, sku })));
    const book = new Map<string, WmsBookStock>();
    const batch = Math.min(this.opts.inventoryBatchSize, qimenInventoryCriteriaMax);
    for (let i = 0; i < page.length; i += batch) {
      const codes = page.slice(i, i + batch);
      const answer = await this.send(conn.value, qimenMethods.inventoryQuery, inventoryQuery(codes, { warehouseCode: wms.qimen.warehouseCode, ownerCode: wms.qimen.customerId }));
      if (!answer.ok) return answer;
      // Lines of items Pallet did not ask for are left out: a WMS that answers more than asked does not widen the report.
      const read = readInventoryAnswer(answer.value, { warehouseCode: wms.qimen.warehouseCode }, qimenInventoryCriteriaMax * 10);
      if (!read.ok) return fail(domainError('WMS_FAILED', `QiMen ${qimenMethods.inventoryQuery}: the answer is unreadable: ${read.fault.param ?? ''} ${read.fault.message}`.trim()));
      for (const code of codes) {
        const stock = read.value.get(code);
        if (stock !== undefined) book.set(code, stock);
      }
    }
    const items = page.map((sku, i): SkuDrift => {
      const c = cells[i]!;
      const w = book.get(sku) ?? null;
      return { sku, pallet: { onHand: c.onHand, reserved: c.reserved, committed: c.committed }, wms: w, difference: (w?.quantity ?? 0) - c.onHand };
    });
    return ok({
      warehouse, warehouseCode: wms.qimen.warehouseCode, checkedAtMs: this.clock.nowMs(), items,
      drifted: items.filter((x) => x.difference !== 0).length, nextAfter: rest.length > page.length ? page[page.length - 1]! : null,
    });
  }

  /** entryorder.create of an inbound order of known SKUs; ok once the WMS answered success. */
  async createEntryOrder(tenant: string, warehouse: string, input: EntryOrderInput): Promise<Result<EntryOrderSent>> {
    const conn = await this.connection(tenant, warehouse);
    if (!conn.ok) return conn;
    const seen = new Set<string>();
    for (const [i, l] of input.lines.entries()) {
      const sku = conn.value.catalog.skus.get(l.sku);
      if (sku === undefined) return fail(domainError('UNKNOWN_SKU', `unknown sku: ${l.sku}`, { skus: [l.sku], field: `body.items[${i}].sku` }));
      if (sku.components.length > 0) return fail(domainError('SKU_IS_BUNDLE', `${l.sku} is a bundle: a warehouse receives its components`, { field: `body.items[${i}].sku` }));
      if (seen.has(l.sku)) return fail(domainError('VALIDATION_FAILED', `${l.sku} is named twice; give one line per sku`, { field: `body.items[${i}].sku` }));
      seen.add(l.sku);
    }
    const { wms } = conn.value;
    const document = entryOrderCreate(input, { warehouseCode: wms.qimen.warehouseCode, ownerCode: wms.qimen.customerId, nowMs: this.clock.nowMs() });
    const x = await this.gateway.exchange(this.request(conn.value, qimenMethods.entryOrderCreate, document));
    if (!x.ok) return fail(wmsFailed(qimenMethods.entryOrderCreate, x));
    return ok({
      warehouse, entryOrderCode: input.entryOrderCode,
      wms: { code: x.answer.code, message: x.answer.message, entryOrderId: entryOrderIdOf(x.tree) ?? null },
    });
  }

  /** The warehouse's QiMen connection and secret, and the tenant's catalog; UNKNOWN_WAREHOUSE, WMS_NOT_QIMEN. */
  private async connection(tenant: string, warehouse: string): Promise<Result<Connection>> {
    const catalog = await this.catalogs.get(tenant);
    if (catalog === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    if (!catalog.warehouses.has(warehouse)) return fail(domainError('UNKNOWN_WAREHOUSE', `unknown warehouse: ${warehouse}`, { field: 'params.id' }));
    const wms = await this.store.wms(tenant, warehouse);
    if (wms === null || wms.mode !== 'qimen' || wms.qimen === undefined || wms.url === null) {
      return fail(domainError('WMS_NOT_QIMEN', `warehouse ${warehouse} is not connected to a QiMen WMS (PUT /v1/warehouses/${warehouse}/wms with mode qimen)`, { field: 'params.id' }));
    }
    const secret = await this.store.wmsSecret(tenant, warehouse);
    if (secret === null) return fail(domainError('WMS_NOT_QIMEN', `warehouse ${warehouse} has no QiMen app secret`, { field: 'params.id' }));
    return ok({ wms: wms as QimenWms, secret, catalog });
  }

  private request(c: Connection, method: string, document: object) {
    return { url: c.wms.url, appKey: c.wms.qimen.appKey, secret: c.secret, customerId: c.wms.qimen.customerId, timeoutMs: c.wms.timeoutMs, method, document };
  }

  private async send(c: Connection, method: string, document: object): Promise<Result<unknown>> {
    const x = await this.gateway.exchange(this.request(c, method, document));
    return x.ok ? ok(x.tree) : fail(wmsFailed(method, x));
  }
}

/** Codes compare by UTF-16 code unit (the order `after` pages in), not by locale. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function wmsFailed(method: string, x: Extract<QimenExchange, { ok: false }>) {
  return domainError('WMS_FAILED', `QiMen ${method}: ${x.error}`, {
    method, ...(x.answer === undefined ? {} : { wmsCode: x.answer.code, wmsMessage: x.answer.message }),
  });
}
