// QiMen (奇门) documents (issue 14): the delivery order Pallet sends for a
// pick task, the cancellation, and the reports a WMS sends back, read from the
// codec's parsed tree into checked values. Pure.
//
// Trees are what adapters/qimen/xml.ts gives and takes: an element is an
// object of its children, a leaf is its text (a string, never a number: item
// codes such as 007 keep their zeros), a repeated element an array.
import type { Order, Address, ChannelType } from './order.types.ts';
import type { PickTask } from './pick-task.rules.ts';
import { formatQimenTime, objectAt, qfail, qok, type QimenResult } from './qimen.protocol.ts';

// ---------------------------------------------------------------- carriers

/**
 * QiMen logistics codes (the `logisticsCode` of a package) → Pallet's carrier. Pallet names a carrier by the
 * code the Taobao/Cainiao platforms use for it (the channel write-back sends it as the company code), so most
 * codes stay as they are; the aliases some WMSs send are folded into the platform code.
 */
export const qimenCarriers: Readonly<Record<string, { readonly carrier: string; readonly name: string }>> = {
  SF: { carrier: 'SF', name: '顺丰速运' },
  EMS: { carrier: 'EMS', name: 'EMS' },
  EYB: { carrier: 'EYB', name: 'EMS经济快递' },
  ZJS: { carrier: 'ZJS', name: '宅急送' },
  YTO: { carrier: 'YTO', name: '圆通速递' },
  ZTO: { carrier: 'ZTO', name: '中通快递' },
  HTKY: { carrier: 'HTKY', name: '百世快递' },
  BEST: { carrier: 'HTKY', name: '百世快递' },
  UC: { carrier: 'UC', name: '优速快递' },
  STO: { carrier: 'STO', name: '申通快递' },
  TTKDEX: { carrier: 'TTKDEX', name: '天天快递' },
  QFKD: { carrier: 'QFKD', name: '全峰快递' },
  FAST: { carrier: 'FAST', name: '快捷快递' },
  POSTB: { carrier: 'POSTB', name: '邮政快递包裹' },
  GTO: { carrier: 'GTO', name: '国通快递' },
  YUNDA: { carrier: 'YUNDA', name: '韵达快递' },
  YD: { carrier: 'YUNDA', name: '韵达快递' },
  JD: { carrier: 'JD', name: '京东物流' },
  JDWL: { carrier: 'JD', name: '京东物流' },
  DBKD: { carrier: 'DBKD', name: '德邦快递' },
  JTSD: { carrier: 'JTSD', name: '极兔速递' },
  DD: { carrier: 'DD', name: '当当宅配' },
  AMAZON: { carrier: 'AMAZON', name: '亚马逊物流' },
  OTHER: { carrier: 'OTHER', name: '其他' },
};

const carrierCodePattern = /^[A-Za-z0-9_-]{1,32}$/;

/** Pallet's carrier for a QiMen logistics code: the table's, or an unknown well-formed code as it is (upper case). */
export function carrierOfLogisticsCode(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (!carrierCodePattern.test(c)) return null;
  return qimenCarriers[c]?.carrier ?? c;
}

// ---------------------------------------------------------------- outbound documents

/** QiMen source platform codes by channel type (TB: Taobao; a Tmall shop is a taobao channel in Pallet). */
export const sourcePlatformOf: Readonly<Record<ChannelType, string>> = {
  taobao: 'TB', jd: 'JD', pinduoduo: 'PDD', douyin: 'DY', shopify: 'OTHER', woocommerce: 'OTHER', generic: 'OTHER',
};

export interface DeliveryOrderContext {
  readonly warehouseCode: string;
  /** The owner (货主) code: the connection's customerId. */
  readonly ownerCode: string;
  /** null: the order's channel is not known (its source platform is then OTHER). */
  readonly channelType: ChannelType | null;
  /** Warehouses the order is split over (its tasks): more than one sets the SPLIT flag. */
  readonly tasksOfOrder: number;
  readonly nowMs: number;
}

/** Minor units → the protocol's decimal yuan (2 places; currencies without minor units as they are). */
function amountOf(minor: number, currency: string): string {
  if (['JPY', 'KRW', 'VND'].includes(currency.toUpperCase())) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `orderFlag`: the protocol's flag codes joined with ^ (COD, PRESELL, SPLIT), or none. */
export function orderFlagOf(order: Pick<Order, 'flags'>, tasksOfOrder: number): string | undefined {
  const flags = order.flags ?? {};
  const on = (...names: string[]) => Object.entries(flags).some(([k, v]) => v && names.includes(k.toLowerCase()));
  const codes = [on('cod') ? 'COD' : null, on('presell', 'presale') ? 'PRESELL' : null, tasksOfOrder > 1 ? 'SPLIT' : null].filter((c) => c !== null);
  return codes.length === 0 ? undefined : codes.join('^');
}

/** The address the warehouse ships to: the newest pending amendment's when the task carries one (the order's change is on its way). */
export function receiverAddressOf(task: Pick<PickTask, 'shippingAddress' | 'amendments'>): Address {
  const newest = task.amendments[task.amendments.length - 1];
  return newest === undefined ? task.shippingAddress : newest.after;
}

const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

/**
 * `taobao.qimen.deliveryorder.create` for a pick task: one delivery order per task, its code the task id,
 * so the same (order, warehouse) always names the same delivery order and a WMS can refuse a second one.
 */
export function deliveryOrderCreate(task: PickTask, order: Order, ctx: DeliveryOrderContext) {
  const to = receiverAddressOf(task);
  const currency = order.totals.currency;
  const priceOf = new Map(order.lines.map((l) => [l.sku, l.unitPriceMinor]));
  return {
    request: {
      deliveryOrder: compact({
        deliveryOrderCode: task.id,
        orderType: 'JYCK',
        warehouseCode: ctx.warehouseCode,
        sourcePlatformCode: ctx.channelType === null ? 'OTHER' : sourcePlatformOf[ctx.channelType],
        createTime: formatQimenTime(task.createdAtMs),
        placeOrderTime: formatQimenTime(order.placedAtMs),
        payTime: order.paidAtMs === undefined ? undefined : formatQimenTime(order.paidAtMs),
        operateTime: formatQimenTime(ctx.nowMs),
        shopNick: order.channel,
        buyerNick: order.buyer.name,
        totalAmount: amountOf(order.totals.totalMinor, currency),
        itemAmount: amountOf(order.totals.itemsMinor, currency),
        discountAmount: amountOf(order.totals.discountMinor, currency),
        freight: amountOf(order.totals.shippingMinor, currency),
        orderFlag: orderFlagOf(order, ctx.tasksOfOrder),
        remark: `pallet order ${order.id}`,
        receiverInfo: compact({
          name: to.name, mobile: to.phone, countryCode: to.country, province: to.province, city: to.city, area: to.district,
          detailAddress: [to.address1, to.address2].filter((x) => x !== undefined && x !== '').join(' '), zipCode: to.postalCode,
        }),
      }),
      orderLines: {
        orderLine: task.lines.map((l, i) => compact({
          orderLineNo: String(i + 1), sourceOrderCode: order.externalId, ownerCode: ctx.ownerCode, itemCode: l.sku, planQty: String(l.qty),
          actualPrice: priceOf.has(l.sku) ? amountOf(priceOf.get(l.sku)!, currency) : undefined,
        })),
      },
    },
  };
}

/** `taobao.qimen.order.cancel` of the delivery order a task became. */
export function orderCancel(task: Pick<PickTask, 'id'>, ctx: { readonly warehouseCode: string; readonly ownerCode: string }, reason: string) {
  return { request: { warehouseCode: ctx.warehouseCode, ownerCode: ctx.ownerCode, orderCode: task.id, orderType: 'JYCK', cancelReason: reason } };
}

// ---------------------------------------------------------------- reading inbound documents

/** Parcels one confirm, items one report, lines one entry order may carry. */
export const qimenParcelsMax = 50;
export const qimenItemsMax = 500;
const textLengthMax = 200;

type Node = Record<string, unknown>;

/** The elements `name` under `node.<list>` (one or many), at most `max`. */
function listAt(node: Node | null, list: string, name: string, max: number, path: string): QimenResult<Node[]> {
  const holder = node === null ? null : objectAt(node, list);
  if (holder === null) return qok([]);
  const raw = holder[name];
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (items.length > max) return qfail('DOCUMENT_INVALID', `more than ${max} ${name} elements`, `${path}.${list}`);
  const out: Node[] = [];
  for (const [i, it] of items.entries()) {
    if (it === null || typeof it !== 'object' || Array.isArray(it)) return qfail('DOCUMENT_INVALID', 'must be an element with children', `${path}.${list}.${name}[${i}]`);
    out.push(it as Node);
  }
  return qok(out);
}

function textAt(node: Node | null, name: string): string | undefined {
  const v = node?.[name];
  return typeof v === 'string' ? v.trim() : undefined;
}

function required(node: Node | null, name: string, path: string, pattern = /^[\x21-\x7e]{1,64}$/): QimenResult<string> {
  const v = textAt(node, name);
  if (v === undefined || v === '') return qfail('DOCUMENT_INVALID', 'is required', `${path}.${name}`);
  if (!pattern.test(v)) return qfail('DOCUMENT_INVALID', 'is not a valid code (1-64 printable ASCII characters)', `${path}.${name}`);
  return qok(v);
}

const optionalText = (node: Node | null, name: string): string | undefined => {
  const v = textAt(node, name);
  return v === undefined || v === '' ? undefined : v.slice(0, textLengthMax);
};

function integerAt(node: Node, name: string, path: string, allowNegative: boolean): QimenResult<number> {
  const v = textAt(node, name);
  const pattern = allowNegative ? /^-?\d{1,9}$/ : /^\d{1,9}$/;
  if (v === undefined || !pattern.test(v)) return qfail('DOCUMENT_INVALID', `must be a whole number${allowNegative ? '' : ' ≥ 0'}`, `${path}.${name}`);
  return qok(Number(v));
}

export interface ConfirmedParcel {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly weightGrams?: number;
}

export interface DeliveryOrderConfirm {
  readonly deliveryOrderCode: string;
  readonly warehouseCode: string | undefined;
  /** NEW, ACCEPT, PARTDELIVERED, DELIVERED, EXCEPTION, CANCELED, CLOSED, REJECT … upper case. */
  readonly status: string;
  /** false: an intermediate confirm of an order shipped in several goes (confirmType 1). */
  readonly final: boolean;
  /** What makes this confirm itself: the WMS's outBizCode, else its order id, time, status and tracking numbers. */
  readonly confirmKey: string;
  readonly parcels: readonly ConfirmedParcel[];
}

/** kg as the protocol writes it (decimal) → whole grams; undefined when absent, not a number or not positive. */
function gramsOf(kg: string | undefined): number | undefined {
  if (kg === undefined || !/^\d{1,6}(\.\d{1,6})?$/.test(kg)) return undefined;
  const g = Math.round(Number(kg) * 1000);
  return g >= 1 && g <= 1_000_000 ? g : undefined;
}

export function readDeliveryOrderConfirm(tree: unknown): QimenResult<DeliveryOrderConfirm> {
  const req = objectAt(tree, 'request');
  if (req === null) return qfail('DOCUMENT_INVALID', 'the body must be a <request> document', 'request');
  const order = objectAt(req, 'deliveryOrder');
  if (order === null) return qfail('DOCUMENT_INVALID', 'is required', 'request.deliveryOrder');
  const code = required(order, 'deliveryOrderCode', 'request.deliveryOrder');
  if (!code.ok) return code;
  const packages = listAt(req, 'packages', 'package', qimenParcelsMax, 'request');
  if (!packages.ok) return packages;
  const parcels: ConfirmedParcel[] = [];
  for (const [i, p] of packages.value.entries()) {
    const path = `request.packages.package[${i}]`;
    const logistics = required(p, 'logisticsCode', path, /^[A-Za-z0-9_-]{1,32}$/);
    if (!logistics.ok) return logistics;
    const express = required(p, 'expressCode', path);
    if (!express.ok) return express;
    const weightGrams = gramsOf(textAt(p, 'weight'));
    parcels.push({ carrier: carrierOfLogisticsCode(logistics.value)!, trackingNumber: express.value, ...(weightGrams === undefined ? {} : { weightGrams }) });
  }
  const status = (textAt(order, 'status') ?? (parcels.length > 0 ? 'DELIVERED' : '')).toUpperCase();
  if (!/^[A-Z_]{1,32}$/.test(status)) return qfail('DOCUMENT_INVALID', 'is required (NEW, ACCEPT, PARTDELIVERED, DELIVERED, EXCEPTION, REJECT …)', 'request.deliveryOrder.status');
  const confirmType = textAt(order, 'confirmType');
  const outBizCode = optionalText(order, 'outBizCode');
  const confirmKey = outBizCode ?? ['doc', textAt(order, 'deliveryOrderId') ?? '', textAt(order, 'orderConfirmTime') ?? '', status,
    ...parcels.map((p) => `${p.carrier}:${p.trackingNumber}`)].join('|');
  return qok({
    deliveryOrderCode: code.value, warehouseCode: optionalText(order, 'warehouseCode'), status,
    final: confirmType !== '1' && status !== 'PARTDELIVERED', confirmKey, parcels,
  });
}

export interface LackedItem { readonly itemCode: string; readonly lackQty: number | null; readonly reason: string | undefined }

export interface ItemLackReport {
  readonly deliveryOrderCode: string;
  readonly warehouseCode: string | undefined;
  readonly outBizCode: string | undefined;
  readonly items: readonly LackedItem[];
  readonly remark: string | undefined;
}

export function readItemLackReport(tree: unknown): QimenResult<ItemLackReport> {
  const req = objectAt(tree, 'request');
  if (req === null) return qfail('DOCUMENT_INVALID', 'the body must be a <request> document', 'request');
  const code = required(req, 'deliveryOrderCode', 'request');
  if (!code.ok) return code;
  const items = listAt(req, 'items', 'item', qimenItemsMax, 'request');
  if (!items.ok) return items;
  const lacked: LackedItem[] = [];
  for (const [i, it] of items.value.entries()) {
    const itemCode = required(it, 'itemCode', `request.items.item[${i}]`);
    if (!itemCode.ok) return itemCode;
    const lack = textAt(it, 'lackQty');
    lacked.push({ itemCode: itemCode.value, lackQty: lack !== undefined && /^\d{1,9}$/.test(lack) ? Number(lack) : null, reason: optionalText(it, 'reason') });
  }
  return qok({ deliveryOrderCode: code.value, warehouseCode: optionalText(req, 'warehouseCode'), outBizCode: optionalText(req, 'outBizCode'), items: lacked, remark: optionalText(req, 'remark') });
}

/** The reason a shortage report gives Pallet's order (the hold reason of the exception). */
export function lackReasonOf(r: ItemLackReport): string {
  const items = r.items.slice(0, 10).map((i) => `${i.itemCode}${i.lackQty === null ? '' : ` short ${i.lackQty}`}${i.reason === undefined ? '' : ` (${i.reason})`}`);
  return `QiMen itemlack.report: ${items.length === 0 ? 'items lacking' : items.join(', ')}${r.remark === undefined ? '' : `; ${r.remark}`}`.slice(0, 500);
}

export interface StockMove {
  readonly itemCode: string;
  readonly warehouseCode: string | undefined;
  /** Signed: a loss is negative, found stock positive. */
  readonly quantity: number;
  /** ZP (sellable) or another inventory type (CC: damaged …); only ZP is Pallet's on-hand stock. */
  readonly inventoryType: string;
  readonly orderCode: string | undefined;
  readonly orderType: string | undefined;
  readonly outBizCode: string | undefined;
  readonly remark: string | undefined;
}

export function readStockChangeReport(tree: unknown): QimenResult<StockMove[]> {
  const req = objectAt(tree, 'request');
  if (req === null) return qfail('DOCUMENT_INVALID', 'the body must be a <request> document', 'request');
  const items = listAt(req, 'items', 'item', qimenItemsMax, 'request');
  if (!items.ok) return items;
  if (items.value.length === 0) return qfail('DOCUMENT_INVALID', 'must name at least one item', 'request.items');
  const moves: StockMove[] = [];
  for (const [i, it] of items.value.entries()) {
    const path = `request.items.item[${i}]`;
    const itemCode = required(it, 'itemCode', path);
    if (!itemCode.ok) return itemCode;
    const quantity = integerAt(it, 'quantity', path, true);
    if (!quantity.ok) return quantity;
    moves.push({
      itemCode: itemCode.value, warehouseCode: optionalText(it, 'warehouseCode'), quantity: quantity.value,
      inventoryType: (textAt(it, 'inventoryType') || 'ZP').toUpperCase(), orderCode: optionalText(it, 'orderCode'),
      orderType: optionalText(it, 'orderType'), outBizCode: optionalText(it, 'outBizCode'), remark: optionalText(it, 'remark'),
    });
  }
  return qok(moves);
}

export interface EntryOrderConfirm {
  readonly entryOrderCode: string;
  readonly warehouseCode: string | undefined;
  readonly outBizCode: string | undefined;
  readonly lines: readonly { readonly itemCode: string; readonly actualQty: number; readonly inventoryType: string }[];
}

export function readEntryOrderConfirm(tree: unknown): QimenResult<EntryOrderConfirm> {
  const req = objectAt(tree, 'request');
  if (req === null) return qfail('DOCUMENT_INVALID', 'the body must be a <request> document', 'request');
  const entry = objectAt(req, 'entryOrder');
  if (entry === null) return qfail('DOCUMENT_INVALID', 'is required', 'request.entryOrder');
  const code = required(entry, 'entryOrderCode', 'request.entryOrder');
  if (!code.ok) return code;
  const lines = listAt(req, 'orderLines', 'orderLine', qimenItemsMax, 'request');
  if (!lines.ok) return lines;
  const out: { itemCode: string; actualQty: number; inventoryType: string }[] = [];
  for (const [i, l] of lines.value.entries()) {
    const path = `request.orderLines.orderLine[${i}]`;
    const itemCode = required(l, 'itemCode', path);
    if (!itemCode.ok) return itemCode;
    const qty = integerAt(l, 'actualQty', path, false);
    if (!qty.ok) return qty;
    out.push({ itemCode: itemCode.value, actualQty: qty.value, inventoryType: (textAt(l, 'inventoryType') || 'ZP').toUpperCase() });
  }
  return qok({ entryOrderCode: code.value, warehouseCode: optionalText(entry, 'warehouseCode'), outBizCode: optionalText(entry, 'outBizCode'), lines: out });
}

// ---------------------------------------------------------------- inventory and inbound orders (Pallet → WMS)

/** Criteria one inventory.query carries at most: the protocol pages its answers by 100. */
export const qimenInventoryCriteriaMax = 100;

/** `taobao.qimen.inventory.query` of the sellable (ZP) book stock of these item codes at one warehouse. */
export function inventoryQuery(itemCodes: readonly string[], ctx: { readonly warehouseCode: string; readonly ownerCode: string }) {
  return {
    request: {
      criteriaList: { criteria: itemCodes.map((itemCode) => ({ warehouseCode: ctx.warehouseCode, ownerCode: ctx.ownerCode, itemCode, inventoryType: 'ZP' })) },
      remark: 'pallet inventory drift check',
    },
  };
}

export interface WmsBookStock {
  /** Units the WMS holds as sellable (ZP), summed over its batches. */
  readonly quantity: number;
  /** Units it has locked (picked or held for orders), summed likewise; 0 when it does not say. */
  readonly lockQuantity: number;
}

/**
 * The sellable book stock per item code in an inventory.query answer (`<response>…<items><item>`): lines of
 * another warehouse or of another inventory type than ZP are not Pallet's on-hand and are left out; lines of
 * one item (batches, production dates) are summed. A line without an item code or a whole quantity makes the
 * answer unreadable (DOCUMENT_INVALID naming it) rather than a guess.
 */
export function readInventoryAnswer(tree: unknown, ctx: { readonly warehouseCode: string }, itemsMax: number): QimenResult<Map<string, WmsBookStock>> {
  const res = objectAt(tree, 'response');
  if (res === null) return qfail('DOCUMENT_INVALID', 'the answer must be a <response> document', 'response');
  const items = listAt(res, 'items', 'item', itemsMax, 'response');
  if (!items.ok) return items;
  const out = new Map<string, WmsBookStock>();
  for (const [i, it] of items.value.entries()) {
    const path = `response.items.item[${i}]`;
    const itemCode = required(it, 'itemCode', path);
    if (!itemCode.ok) return itemCode;
    const quantity = integerAt(it, 'quantity', path, true);
    if (!quantity.ok) return quantity;
    const lock = textAt(it, 'lockQuantity');
    const lockQuantity = lock !== undefined && /^\d{1,9}$/.test(lock) ? Number(lock) : 0;
    const warehouseCode = optionalText(it, 'warehouseCode');
    if ((warehouseCode !== undefined && warehouseCode !== ctx.warehouseCode) || (textAt(it, 'inventoryType') || 'ZP').toUpperCase() !== 'ZP') continue;
    const before = out.get(itemCode.value);
    out.set(itemCode.value, { quantity: (before?.quantity ?? 0) + quantity.value, lockQuantity: (before?.lockQuantity ?? 0) + lockQuantity });
  }
  return qok(out);
}

export interface EntryOrderInput {
  /** The inbound order's code: the WMS's idempotency key for it, and what its entryorder.confirm names. */
  readonly entryOrderCode: string;
  readonly lines: readonly { readonly sku: string; readonly qty: number }[];
  readonly expectedAtMs?: number;
  /** The supplier's code at the WMS. */
  readonly supplierCode?: string;
}

/** `taobao.qimen.entryorder.create`: a purchase inbound order (CGRK) of sellable stock at one warehouse. */
export function entryOrderCreate(input: EntryOrderInput, ctx: { readonly warehouseCode: string; readonly ownerCode: string; readonly nowMs: number }) {
  return {
    request: {
      entryOrder: compact({
        entryOrderCode: input.entryOrderCode,
        ownerCode: ctx.ownerCode,
        warehouseCode: ctx.warehouseCode,
        orderType: 'CGRK',
        orderCreateTime: formatQimenTime(ctx.nowMs),
        expectStartTime: input.expectedAtMs === undefined ? undefined : formatQimenTime(input.expectedAtMs),
        supplierCode: input.supplierCode,
        remark: 'pallet entry order',
      }),
      orderLines: {
        orderLine: input.lines.map((l, i) => ({
          orderLineNo: String(i + 1), ownerCode: ctx.ownerCode, itemCode: l.sku, planQty: String(l.qty), inventoryType: 'ZP',
        })),
      },
    },
  };
}

/** The WMS's id of an entry order it took (`<response><entryOrderId>`), when it says one. */
export function entryOrderIdOf(tree: unknown): string | undefined {
  return optionalText(objectAt(tree, 'response'), 'entryOrderId');
}
