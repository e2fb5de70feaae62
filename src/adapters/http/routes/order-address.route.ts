// Shipping address changes (issue 11): the storefront asks for an order token
// for the buyer; the buyer (with the token) or operations (with an ops or
// admin key) change the address; the warehouse (for now ops on its behalf)
// acknowledges the amendment a change after release creates. Every change is
// an audit entry, a log line and a count in pallet_order_amendments_total.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Amendment } from '../../../core/amendment.rules.ts';
import type { AddressChanger } from '../../../app/order.address.service.ts';
import type { OrderTokenClaims } from '../../../app/order.token.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { AddressBody, keyIdOf, orderSchemas } from '../order.schemas.ts';
import { sendDomainError, sendProblem } from '../problem.ts';
import { orderBody, transitionError } from './orders.route.ts';

export const orderTokenHeader = 'pallet-order-token';

/** The claims of the token a request was let in with (absent: it came with a key). */
const tokenOf = new WeakMap<FastifyRequest, OrderTokenClaims>();

const iso = (ms: number): string => new Date(ms).toISOString();

export const amendmentBody = (a: Amendment) => ({
  id: a.id, orderId: a.orderId, kind: a.kind, status: a.status, before: a.before, after: a.after,
  createdAt: iso(a.createdAtMs), actor: a.actor,
  acknowledgedAt: a.acknowledgedAtMs === undefined ? null : iso(a.acknowledgedAtMs), acknowledgedBy: a.acknowledgedBy ?? null,
});

const Actor = Type.Object({ kind: Type.String(), id: Type.String() });
const AmendmentView = Type.Object({
  id: Type.String(), orderId: Type.String(), kind: Type.String({ description: 'address' }), status: Type.String({ description: 'pending or acknowledged' }),
  before: Type.Unknown(), after: Type.Unknown(), createdAt: Type.String(), actor: Actor,
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]), acknowledgedBy: Type.Union([Actor, Type.Null()]),
});
const AmendmentId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'amendment id (am_…)' });
const TokenHeaders = Type.Object({
  [orderTokenHeader]: Type.Optional(Type.String({ maxLength: 1024, pattern: '^[A-Za-z0-9_.-]+$', description: 'an order token (instead of an API key)' })),
});
/** Requests without a body: none, or {}. */
const NoBody = Type.Object({}, { additionalProperties: false });
const noBodyDefault = async (request: FastifyRequest) => {
  if (request.body === undefined || request.body === null) request.body = {};
};

const tokenRefusals = {
  malformed: 'the order token is malformed',
  bad_signature: 'the order token is not valid',
  expired: 'the order token has expired; ask for a new one',
} as const;

const unauthenticated = (reply: FastifyReply, detail: string) => sendProblem(reply, { code: 'UNAUTHENTICATED', detail });

const changeDescription = `Authorization: Bearer <ops or admin key>, or the header Pallet-Order-Token (POST …/address-tokens) and no key.
Body: the whole new shipping address. Before release (pending_payment, paid, on_hold) it changes at once; once released it changes,
and the order goes on_hold with a pending amendment until the warehouse acknowledges it (POST …/amendments/{aid}/ack).
From picking on, and for cancelled, refunded or exception orders: 409 ORDER_INVALID_TRANSITION (orderStatus names the state).
The same address as now: 200, changed false. A token works for the order version it was issued at (any change ends it): 401.`;

/** An API key when one is sent (ops or admin), else the order token of the order in the path; neither: 401. Before the body is read. */
function keyOrToken(deps: RouteDeps): onRequestAsyncHookHandler {
  const operations = requireAccess(deps.auth, { scopes: ['ops', 'admin'] });
  return async function checkKeyOrToken(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const token = request.headers[orderTokenHeader];
    if (request.headers.authorization !== undefined || typeof token !== 'string' || token === '') return operations.call(this, request, reply);
    const check = deps.orderAddresses.checkToken(token);
    if (!check.ok) return unauthenticated(reply, tokenRefusals[check.reason]);
    if (check.claims.orderId !== (request.params as { id?: unknown }).id) return unauthenticated(reply, 'the order token is for another order');
    tokenOf.set(request, check.claims);
  };
}

export const orderAddressRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  await app.register(addressRoutes, deps);
  await app.register(amendmentRoutes, deps);
};

const addressRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { orderAddresses: addresses, metrics } = deps;
  const s = orderSchemas(deps.config.limits);
  const issuers = requireAccess(deps.auth, { scopes: ['checkout', 'ops', 'admin'] });
  const Params = Type.Object({ id: s.OrderId });

  app.post('/v1/orders/:id/address-tokens', {
    onRequest: issuers, preValidation: noBodyDefault,
    schema: {
      summary: "Issue a token the buyer changes this order's shipping address with (checkout, ops or admin key)", tags: ['orders'],
      description: 'Signed, bound to this order and its current version, expiring (PALLET_ADDRESS_TOKEN_TTL_SECONDS). '
        + '409 ORDER_INVALID_TRANSITION when the address can no longer change.',
      params: Params, body: NoBody,
      response: { 201: Type.Object({ token: Type.String({ description: `send as the ${orderTokenHeader} header` }), tokenId: Type.String(), expiresAt: Type.String() }) },
    },
  }, async (request, reply) => {
    const issued = await addresses.issueToken(tenantOf(request), request.params.id, keyIdOf(request));
    if (!issued.ok) return sendDomainError(reply, transitionError(issued.error));
    const { token, claims } = issued.value;
    request.log.info({ event: 'order.address_token_issued', orderId: claims.orderId, tokenId: claims.tokenId, keyId: claims.issuedBy }, 'order token issued');
    return reply.code(201).send({ token, tokenId: claims.tokenId, expiresAt: iso(claims.expiresAtMs) });
  });

  app.patch('/v1/orders/:id/address', {
    onRequest: keyOrToken(deps),
    schema: {
      summary: "Change an order's shipping address (ops or admin key, or the buyer's order token)", tags: ['orders'], description: changeDescription,
      params: Params, headers: TokenHeaders, body: AddressBody,
      response: {
        200: Type.Object({
          orderId: Type.String(), changed: Type.Boolean(), shippingAddress: Type.Unknown(),
          order: Type.Optional(s.Order), amendment: Type.Optional(AmendmentView),
        }, { description: 'order and amendment: only for a key (a token holder sees the address only)' }),
      },
    },
  }, async (request, reply) => {
    const claims = tokenOf.get(request);
    const tenant = claims?.tenant ?? tenantOf(request);
    const by: AddressChanger = claims === undefined
      ? { actor: { kind: 'key', id: keyIdOf(request) } }
      : { actor: { kind: 'customer_token', id: claims.tokenId }, token: claims };
    const outcome = await addresses.change(tenant, request.params.id, request.body, by);
    if (!outcome.ok) return sendDomainError(reply, transitionError(outcome.error));
    const { order, changed, amendment } = outcome.value;
    if (changed) {
      metrics.orderAmendments.inc({ status: amendment === undefined ? 'applied' : 'pending' });
      request.log.info({
        event: 'order.address_changed', orderId: order.id, status: order.status, actor: by.actor, amendmentId: amendment?.id ?? null,
      }, amendment === undefined ? 'shipping address changed' : 'shipping address changed after release: amendment awaits the warehouse');
    }
    const seen = { orderId: order.id, changed, shippingAddress: order.shippingAddress };
    if (claims !== undefined) return reply.send(seen);
    return reply.send({ ...seen, order: orderBody(order), ...(amendment === undefined ? {} : { amendment: amendmentBody(amendment) }) });
  });

};

const amendmentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { orderAddresses: addresses, metrics } = deps;
  const s = orderSchemas(deps.config.limits);
  const operations = requireAccess(deps.auth, { scopes: ['ops', 'admin'] });
  const readers = requireAccess(deps.auth, { scopes: ['read', 'ops', 'admin'] });
  const Params = Type.Object({ id: s.OrderId });
  const AmendmentParams = Type.Object({ id: s.OrderId, aid: AmendmentId });

  app.post('/v1/orders/:id/amendments/:aid/ack', {
    onRequest: operations, preValidation: noBodyDefault,
    schema: {
      summary: 'Acknowledge an amendment for the warehouse (ops or admin key): the order is released when nothing else holds it', tags: ['orders'],
      description: 'Acknowledging twice changes nothing (changed false). 404 AMENDMENT_NOT_FOUND for an id the order does not have.',
      params: AmendmentParams, body: NoBody,
      response: { 200: Type.Object({ changed: Type.Boolean(), amendment: AmendmentView, order: s.Order }) },
    },
  }, async (request, reply) => {
    const actor = { kind: 'key', id: keyIdOf(request) } as const;
    const acked = await addresses.acknowledge(tenantOf(request), request.params.id, request.params.aid, actor);
    if (!acked.ok) return sendDomainError(reply, transitionError(acked.error));
    const { order, amendment, changed } = acked.value;
    if (changed) {
      metrics.orderAmendments.inc({ status: 'acknowledged' });
      request.log.info({ event: 'order.amendment_acknowledged', orderId: order.id, amendmentId: amendment.id, status: order.status, actor }, 'amendment acknowledged');
    }
    return reply.send({ changed, amendment: amendmentBody(amendment), order: orderBody(order) });
  });

  app.get('/v1/orders/:id/amendments', {
    onRequest: readers,
    schema: {
      summary: "An order's amendments, oldest first (read, ops or admin key)", tags: ['orders'],
      params: Params, response: { 200: Type.Object({ amendments: Type.Array(AmendmentView) }) },
    },
  }, async (request, reply) => {
    const listed = await addresses.list(tenantOf(request), request.params.id);
    return listed.ok ? reply.send({ amendments: listed.value.map(amendmentBody) }) : sendDomainError(reply, listed.error);
  });
};
