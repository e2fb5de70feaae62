// An order's shipments (issue 12): the parcels its warehouses reported
// shipped, with carrier and tracking number (read, ops or admin key).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { OrderFulfilmentService } from '../../../app/order.fulfilment.service.ts';
import type { AuthService } from '../../../app/auth.service.ts';
import type { Config } from '../../../config.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import { sendDomainError } from '../problem.ts';

export interface ShipmentRouteDeps {
  readonly config: Config;
  readonly auth: AuthService;
  readonly fulfilment: OrderFulfilmentService;
}

const Shipment = Type.Object({
  warehouse: Type.String(), carrier: Type.String(), trackingNumber: Type.String(),
  weightGrams: Type.Union([Type.Integer(), Type.Null()]), shippedAt: Type.String(),
});

export const shipmentRoutes: FastifyPluginAsyncTypebox<ShipmentRouteDeps> = async (app, deps) => {
  const reader = requireAccess(deps.auth, { scopes: ['read', 'ops', 'admin'] });
  app.get('/v1/orders/:id/shipments', {
    onRequest: reader,
    schema: {
      summary: "An order's shipments (parcels its warehouses shipped), oldest first", tags: ['orders', 'fulfilment'],
      params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'order id (o_…)' }) }),
      response: { 200: Type.Object({ shipments: Type.Array(Shipment) }) },
    },
  }, async (request, reply) => {
    const found = await deps.fulfilment.shipments(tenantOf(request), request.params.id);
    if (!found.ok) return sendDomainError(reply, found.error);
    return reply.send({
      shipments: found.value.map((s) => ({
        warehouse: s.warehouse, carrier: s.carrier, trackingNumber: s.trackingNumber, weightGrams: s.weightGrams, shippedAt: new Date(s.shippedAtMs).toISOString(),
      })),
    });
  });
};
