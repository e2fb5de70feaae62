// Stock levels per warehouse and SKU.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { StockCell } from '../../../core/stock.types.ts';
import type { SkuStock } from '../../../app/stock.service.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

const cellBody = (warehouse: string, sku: string, c: StockCell | null) => ({
  warehouse, sku, onHand: c?.onHand ?? 0, reserved: c?.reserved ?? 0, committed: c?.committed ?? 0,
  inTransit: c?.inTransit ?? 0, safetyStock: c?.safetyStock ?? 0,
  available: (c?.onHand ?? 0) - (c?.reserved ?? 0) - (c?.committed ?? 0), version: c?.version ?? 0,
});

const skuStockBody = (x: SkuStock) => ({ ...x, warehouses: [...x.warehouses] });

export const stockRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { schemas: s, stock, auth, config } = deps;
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const reader = requireAccess(auth, { scopes: ['read', 'admin', 'checkout'] });
  const CellParams = Type.Object({ warehouse: s.Id('warehouse id'), sku: s.Id('sku') });
  const CellReply = Type.Object({
    warehouse: Type.String(), sku: Type.String(), onHand: Type.Integer(), reserved: Type.Integer(), committed: Type.Integer(),
    inTransit: Type.Integer(), safetyStock: Type.Integer(), available: Type.Integer(), version: Type.Integer(),
  });

  app.put('/v1/stock/:warehouse/:sku', {
    onRequest: admin,
    schema: { summary: 'Set the on-hand level (and safety stock, in transit) of a SKU in a warehouse', tags: ['stock'], params: CellParams, body: s.LevelBody, headers: s.OptionalIdempotencyHeaders, response: { 200: CellReply } },
  }, async (request, reply) => {
    const { warehouse, sku } = request.params;
    const result = await stock.set(tenantOf(request), warehouse, sku, request.body, request.headers['idempotency-key']);
    return result.ok ? reply.send(cellBody(warehouse, sku, result.value)) : sendDomainError(reply, result.error);
  });

  app.post('/v1/stock/:warehouse/:sku/adjustments', {
    onRequest: admin,
    schema: { summary: 'Change on-hand by a delta (receiving, count correction)', tags: ['stock'], params: CellParams, body: s.AdjustBody, headers: s.OptionalIdempotencyHeaders, response: { 200: CellReply } },
  }, async (request, reply) => {
    const { warehouse, sku } = request.params;
    const result = await stock.adjust(tenantOf(request), warehouse, sku, request.body.delta, request.body.reason, request.headers['idempotency-key']);
    return result.ok ? reply.send(cellBody(warehouse, sku, result.value)) : sendDomainError(reply, result.error);
  });

  app.get('/v1/stock/:sku', {
    onRequest: reader,
    schema: { summary: 'Stock of a SKU per warehouse, with totals', tags: ['stock'], params: Type.Object({ sku: s.Id('sku') }), response: { 200: s.SkuStock } },
  }, async (request, reply) => {
    const result = await stock.read(tenantOf(request), [request.params.sku]);
    return result.ok ? reply.send(skuStockBody(result.value[0]!)) : sendDomainError(reply, result.error);
  });

  app.get('/v1/stock', {
    onRequest: reader,
    schema: { summary: 'Stock of several SKUs', tags: ['stock'], querystring: s.StockQuery, response: { 200: Type.Object({ items: Type.Array(s.SkuStock) }) } },
  }, async (request, reply) => {
    const skus = [...new Set(request.query.skus.split(','))];
    const max = config.limits.skusPerBatchReadMax;
    if (skus.length > max) return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: `querystring.skus lists ${skus.length} skus, at most ${max} allowed`, field: 'querystring.skus' });
    const bad = skus.find((sku) => !new RegExp(`^[A-Za-z0-9._-]{1,${config.limits.idLengthMax}}$`).test(sku));
    if (bad !== undefined) return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: `querystring.skus has an invalid sku ${JSON.stringify(bad.slice(0, 80))}`, field: 'querystring.skus' });
    const result = await stock.read(tenantOf(request), skus);
    return result.ok ? reply.send({ items: result.value.map(skuStockBody) }) : sendDomainError(reply, result.error);
  });
};
