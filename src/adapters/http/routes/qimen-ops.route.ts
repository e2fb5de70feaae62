// What operators ask a QiMen (奇门) warehouse's WMS through Pallet (issue 14),
// with an admin or ops key (app/qimen.outbound.service.ts does the asking):
//
//   GET  /v1/warehouses/{id}/qimen/inventory-drift   inventory.query: Pallet's on-hand
//        against the WMS's sellable book stock per SKU; reads only, nothing applied
//   POST /v1/warehouses/{id}/qimen/entry-orders      entryorder.create: an inbound order;
//        201 once the WMS answered success, 502 WMS_FAILED with its code and message
//
// and the approval queue of the stock changes a stockchange.report had held
// (above PALLET_QIMEN_STOCK_TOLERANCE_UNITS; app/qimen.held.service.ts decides):
//
//   GET  /v1/warehouses/{id}/qimen/held-stock-changes?state=&cursor=&limit=   newest first
//   POST /v1/warehouses/{id}/qimen/held-stock-changes/{changeId}/approve       the adjustment, once
//   POST /v1/warehouses/{id}/qimen/held-stock-changes/{changeId}/reject        no stock change
//
// Kept apart from qimen.route.ts, whose plugin reads every body as raw XML.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import type { InventoryDrift } from '../../../app/qimen.outbound.service.ts';
import { heldChangeStates, type HeldStockChange } from '../../../app/qimen.port.ts';
import { qimenItemsMax } from '../../../core/qimen.documents.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError, sendProblem } from '../problem.ts';
import { keyIdOf, listLimitDefault, listLimitMax } from '../order.schemas.ts';

const Counters = Type.Object({ onHand: Type.Integer(), reserved: Type.Integer(), committed: Type.Integer() });
const DriftView = Type.Object({
  warehouse: Type.String(), warehouseCode: Type.String(), checkedAt: Type.String(),
  items: Type.Array(Type.Object({
    sku: Type.String(), pallet: Counters,
    wms: Type.Union([Type.Object({ quantity: Type.Integer(), lockQuantity: Type.Integer() }), Type.Null()], { description: 'null: the WMS named no sellable stock of it' }),
    difference: Type.Integer({ description: 'WMS quantity − Pallet on-hand' }),
  })),
  drifted: Type.Integer({ description: 'items whose difference is not 0' }),
  nextAfter: Type.Union([Type.String(), Type.Null()], { description: 'pass as `after` for the next SKUs; null on the last page' }),
});
const EntryOrderView = Type.Object({
  warehouse: Type.String(), entryOrderCode: Type.String(),
  wms: Type.Object({ code: Type.String(), message: Type.String(), entryOrderId: Type.Union([Type.String(), Type.Null()]) }),
});

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const HeldChangeView = Type.Object({
  id: Type.String(), warehouse: Type.String(), method: Type.String({ description: 'the QiMen report it came from (stockchange.report)' }),
  sku: Type.String(), delta: Type.Integer({ description: 'units of on-hand; a loss is negative' }),
  reason: Type.String({ description: "the WMS's reason (order type, codes, remark); the ledger reason once approved, with the approving key" }),
  wmsReportId: Nullable(Type.String({ description: "the WMS's id of the movement (outBizCode, else orderCode)" })),
  receivedAt: Type.String(), state: Type.Union(heldChangeStates.map((x) => Type.Literal(x))),
  decidedAt: Nullable(Type.String()), decidedBy: Nullable(Type.String({ description: 'key:<API key id>' })), note: Nullable(Type.String()),
});
const heldNoteLengthMax = 500;

const heldBody = (c: HeldStockChange) => ({
  id: c.id, warehouse: c.warehouse, method: c.method, sku: c.sku, delta: c.delta, reason: c.reason, wmsReportId: c.wmsReportId,
  receivedAt: new Date(c.receivedAtMs).toISOString(), state: c.state,
  decidedAt: c.decidedAtMs === null ? null : new Date(c.decidedAtMs).toISOString(), decidedBy: c.decidedBy, note: c.note,
});

const driftBody = (d: InventoryDrift) => ({
  warehouse: d.warehouse, warehouseCode: d.warehouseCode, checkedAt: new Date(d.checkedAtMs).toISOString(),
  items: d.items.map((x) => ({ sku: x.sku, pallet: x.pallet, wms: x.wms, difference: x.difference })), drifted: d.drifted, nextAfter: d.nextAfter,
});

export const qimenOpsRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, config, schemas: s } = deps;
  const operations = requireAccess(auth, { scopes: ['admin', 'ops'] });
  const Params = Type.Object({ id: s.Id('warehouse id') });
  const EntryOrderBody = Type.Object({
    entryOrderCode: Type.String({ pattern: '^[\\x21-\\x7e]{1,64}$', description: 'the inbound order code (1-64 printable ASCII); the WMS refuses a code twice' }),
    items: Type.Array(Type.Object({ sku: s.Id('sku'), qty: Type.Integer({ minimum: 1, maximum: config.limits.qtyMax }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: qimenItemsMax }),
    expectedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'when the goods are expected at the warehouse' })),
    supplier: Type.Optional(Type.String({ pattern: '^[\\x21-\\x7e]{1,64}$', description: "the supplier's code at the WMS" })),
  }, { additionalProperties: false });

  app.get('/v1/warehouses/:id/qimen/inventory-drift', {
    onRequest: operations,
    schema: {
      summary: "Pallet's on-hand against a QiMen WMS's book stock (inventory.query), per SKU; nothing is changed", tags: ['fulfilment', 'stock'],
      description: `Admin or ops key. Asks the warehouse's QiMen WMS for the sellable (ZP) book stock of the tenant's SKUs (bundles excluded), in SKU order,
at most PALLET_QIMEN_INVENTORY_SKUS_MAX per call (\`after\` pages on), PALLET_QIMEN_INVENTORY_BATCH_SIZE item codes per query. Drift is reported, never applied.
409 WMS_NOT_QIMEN when the warehouse is not in qimen mode; 502 WMS_FAILED (with wmsCode, wmsMessage) when the WMS fails.`,
      params: Params,
      querystring: Type.Object({ after: Type.Optional(s.Id('the nextAfter of the previous page')) }, { additionalProperties: false }),
      response: { 200: DriftView },
    },
  }, async (request, reply) => {
    const drift = await deps.qimenOps?.inventoryDrift(tenantOf(request), request.params.id, request.query.after ?? null);
    if (drift === undefined) return sendProblem(reply, { code: 'WMS_NOT_QIMEN', detail: 'QiMen is not served by this process' });
    return drift.ok ? reply.send(driftBody(drift.value)) : sendDomainError(reply, drift.error);
  });

  app.post('/v1/warehouses/:id/qimen/entry-orders', {
    onRequest: operations,
    schema: {
      summary: "Announce an inbound order to a QiMen warehouse (entryorder.create); its entryorder.confirm adds the received stock", tags: ['fulfilment', 'stock'],
      description: `Admin or ops key. 201 once the WMS answered success (its code, message and entry order id). Pallet's stock does not change until the WMS
confirms what it received (taobao.qimen.entryorder.confirm on the warehouse's router). 404 UNKNOWN_SKU, 409 SKU_IS_BUNDLE, 409 WMS_NOT_QIMEN;
502 WMS_FAILED (with wmsCode, wmsMessage) when the WMS refuses or does not answer.`,
      params: Params, body: EntryOrderBody, response: { 201: EntryOrderView },
    },
  }, async (request, reply) => {
    const { entryOrderCode, items, expectedAt, supplier } = request.body;
    const expectedAtMs = expectedAt === undefined ? undefined : Date.parse(expectedAt);
    if (expectedAtMs !== undefined && !Number.isFinite(expectedAtMs)) {
      return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: 'body.expectedAt is not a date-time', field: 'body.expectedAt' });
    }
    const sent = await deps.qimenOps?.createEntryOrder(tenantOf(request), request.params.id, {
      entryOrderCode, lines: items, ...(expectedAtMs === undefined ? {} : { expectedAtMs }), ...(supplier === undefined ? {} : { supplierCode: supplier }),
    });
    if (sent === undefined) return sendProblem(reply, { code: 'WMS_NOT_QIMEN', detail: 'QiMen is not served by this process' });
    return sent.ok ? reply.code(201).send(sent.value) : sendDomainError(reply, sent.error);
  });

  const HeldParams = Type.Object({ id: s.Id('warehouse id'), changeId: s.Id('held stock change id') });
  const DecisionBody = Type.Object({
    note: Type.Optional(Type.String({ minLength: 1, maxLength: heldNoteLengthMax, description: `why, for the record (1-${heldNoteLengthMax} characters)` })),
  }, { additionalProperties: false });
  const decisionSchema = (summary: string, description: string) => ({
    onRequest: operations,
    // No body at all is a decision without a note, like {}.
    preValidation: async (request: FastifyRequest) => {
      if (request.body === undefined || request.body === null) request.body = {};
    },
    schema: {
      summary, tags: ['fulfilment', 'stock'], description, params: HeldParams,
      body: DecisionBody, response: { 200: HeldChangeView },
    },
  });

  app.get('/v1/warehouses/:id/qimen/held-stock-changes', {
    onRequest: operations,
    schema: {
      summary: 'Stock changes a QiMen WMS reported above the tolerance, held for approval (newest first)', tags: ['fulfilment', 'stock'],
      description: `Admin or ops key. Each stockchange.report movement of more than PALLET_QIMEN_STOCK_TOLERANCE_UNITS units was recorded, not applied:
its SKU, delta, the WMS's reason and id, when it arrived and its state (held, approved, rejected). \`state\` filters; \`cursor\` is the nextCursor
of the previous page. 404 UNKNOWN_WAREHOUSE.`,
      params: Params,
      querystring: Type.Object({
        state: Type.Optional(Type.Union(heldChangeStates.map((x) => Type.Literal(x)), { description: 'only changes in this state' })),
        cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' })),
        limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|200)$', description: `items per page, 1..${listLimitMax} (default ${listLimitDefault})` })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ changes: Type.Array(HeldChangeView), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (request, reply) => {
    if (deps.qimenHeld === undefined) return sendProblem(reply, { code: 'WMS_NOT_QIMEN', detail: 'QiMen is not served by this process' });
    const q = request.query;
    const page = await deps.qimenHeld.list(tenantOf(request), request.params.id, q.state ?? null, q.cursor ?? null, q.limit === undefined ? listLimitDefault : Number(q.limit));
    return page.ok ? reply.send({ changes: page.value.changes.map(heldBody), nextCursor: page.value.nextCursor }) : sendDomainError(reply, page.error);
  });

  app.post('/v1/warehouses/:id/qimen/held-stock-changes/:changeId/approve', decisionSchema(
    'Approve a held QiMen stock change: its adjustment is applied through the stock engine, once',
    `Admin or ops key. Writes the change's delta to on-hand with the WMS's reason and the approving key in the ledger, in the same step as the
change becomes approved; approving again (or concurrently) answers the same change and adjusts nothing more. 404 NOT_FOUND (no such change),
409 HELD_CHANGE_DECIDED (with its state) when it was rejected; a refusal of the stock engine (409 STOCK_INVARIANT: a loss larger than what is
neither reserved nor committed; 404 UNKNOWN_SKU) leaves it held.`),
  async (request, reply) => {
    if (deps.qimenHeld === undefined) return sendProblem(reply, { code: 'WMS_NOT_QIMEN', detail: 'QiMen is not served by this process' });
    const { id, changeId } = request.params;
    const done = await deps.qimenHeld.approve(tenantOf(request), id, changeId, keyIdOf(request), request.body.note ?? null);
    return done.ok ? reply.send(heldBody(done.value)) : sendDomainError(reply, done.error);
  });

  app.post('/v1/warehouses/:id/qimen/held-stock-changes/:changeId/reject', decisionSchema(
    'Reject a held QiMen stock change: recorded as rejected, no stock change',
    `Admin or ops key. Rejecting again answers the same change. 404 NOT_FOUND (no such change), 409 HELD_CHANGE_DECIDED (with its state) when it
was approved.`),
  async (request, reply) => {
    if (deps.qimenHeld === undefined) return sendProblem(reply, { code: 'WMS_NOT_QIMEN', detail: 'QiMen is not served by this process' });
    const { id, changeId } = request.params;
    const done = await deps.qimenHeld.reject(tenantOf(request), id, changeId, keyIdOf(request), request.body.note ?? null);
    return done.ok ? reply.send(heldBody(done.value)) : sendDomainError(reply, done.error);
  });
};
