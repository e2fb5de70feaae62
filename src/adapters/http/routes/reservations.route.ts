// Reservations: the checkout hot path.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Reservation } from '../../../core/stock.types.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError } from '../problem.ts';

export function reservationBody(r: Reservation) {
  return {
    id: r.id, status: r.status, createdAt: new Date(r.createdAtMs).toISOString(),
    expiresAt: new Date(r.expiresAtMs).toISOString(), allocations: [...r.allocations],
  };
}

export const reservationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { schemas: s, reservations, auth, metrics } = deps;
  const checkout = requireAccess(auth, { scopes: ['checkout'] });
  const reader = requireAccess(auth, { scopes: ['checkout', 'read'] });
  const IdParams = Type.Object({ id: s.Id('reservation id') });

  app.post('/v1/reservations', {
    onRequest: checkout,
    schema: { summary: 'Reserve stock for a whole cart, atomically', tags: ['reservations'], body: s.ReserveBody, headers: s.IdempotencyHeaders, response: { 200: s.Reservation, 201: s.Reservation } },
  }, async (request, reply) => {
    const result = await reservations.reserve(tenantOf(request), request.body, request.headers['idempotency-key']);
    metrics.reservations.inc({ op: 'reserve', outcome: result.ok ? (result.value.replayed ? 'replayed' : 'reserved') : result.error.code });
    if (!result.ok) return sendDomainError(reply, result.error);
    if (result.value.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(reservationBody(result.value.reservation));
  });

  app.get('/v1/reservations/:id', {
    onRequest: reader,
    schema: { summary: 'Read a reservation', tags: ['reservations'], params: IdParams, response: { 200: s.Reservation } },
  }, async (request, reply) => {
    const result = await reservations.get(tenantOf(request), request.params.id);
    return result.ok ? reply.send(reservationBody(result.value)) : sendDomainError(reply, result.error);
  });

  const transitions = [
    { method: 'POST', url: '/v1/reservations/:id/confirm', op: 'confirm', summary: 'Payment received: held → confirmed' },
    { method: 'POST', url: '/v1/reservations/:id/fulfil', op: 'fulfil', summary: 'Shipped: confirmed → fulfilled' },
    { method: 'DELETE', url: '/v1/reservations/:id', op: 'release', summary: 'Cancel: held or confirmed → released' },
  ] as const;
  for (const t of transitions) {
    app.route({
      method: t.method, url: t.url, onRequest: checkout,
      schema: { summary: t.summary, tags: ['reservations'], params: IdParams, response: { 200: s.Reservation } },
      handler: async (request, reply) => {
        const result = await reservations.transition(tenantOf(request), t.op, request.params.id);
        metrics.reservations.inc({ op: t.op, outcome: result.ok ? result.value.status : result.error.code });
        return result.ok ? reply.send(reservationBody(result.value)) : sendDomainError(reply, result.error);
      },
    });
  }
};
