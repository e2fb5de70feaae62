// Batch label printing (issue 12): POST /v1/labels {orders:[orderId…]} (ops
// or admin key) → one PDF, one 100 × 150 mm thermal label per shipped parcel.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LabelFontUnavailable } from '../../../app/label.port.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

export const labelRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const ops = requireAccess(deps.auth, { scopes: ['ops', 'admin'] });
  const LabelsBody = Type.Object({
    orders: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'order id (o_…)' }), { minItems: 1, maxItems: deps.config.labels.ordersMax }),
  }, { additionalProperties: false });
  app.post('/v1/labels', {
    onRequest: ops,
    schema: {
      summary: 'Shipping labels for orders: one PDF, one 100 × 150 mm label per shipped parcel (carrier, tracking number as Code128, recipient, sender, order)',
      tags: ['fulfilment'], body: LabelsBody,
      response: { 200: { description: 'application/pdf', type: 'string', format: 'binary' } },
    },
  }, async (request, reply) => {
    try {
      const made = await deps.labels.labels(tenantOf(request), request.body.orders);
      if (!made.ok) return sendDomainError(reply, made.error);
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="labels.pdf"')
        .header('x-label-pages', String(made.value.pages)).send(Buffer.from(made.value.pdf));
    } catch (err) {
      if (!(err instanceof LabelFontUnavailable)) throw err;
      return sendProblem(reply, { code: 'UNAVAILABLE', detail: err.message });
    }
  });
};
