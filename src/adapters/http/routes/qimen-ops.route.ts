// What operators ask a QiMen (奇门) warehouse's WMS through Pallet (issue 14),
// with an admin or ops key (app/qimen.outbound.service.ts does the asking):
//
//   GET  /v1/warehouses/{id}/qimen/inventory-drift   inventory.query: Pallet's on-hand
//        against the WMS's sellable book stock per SKU; reads only, nothing applied
//   POST /v1/warehouses/{id}/qimen/entry-orders      entryorder.create: an inbound order;
//        201 once the WMS answered success, 502 WMS_FAILED with its code and message
//
// Kept apart from qimen.route.ts, whose plugin reads every body as raw XML.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { InventoryDrift } from '../../../app/qimen.outbound.service.ts';
import { qimenItemsMax } from '../../../core/qimen.documents.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

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
};
