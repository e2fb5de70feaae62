// Orders (issue 11): the tenant's own storefront submits orders here; every
// channel's orders are read, listed and audited here; operations review held
// orders, cancel, and set the hold rules.
//
// POST /v1/orders takes the canonical order draft, strictly validated, and
// hands it to intake in the generic mapping's shape (adapters/channels/
// mappings/generic.json: the same field names): durable in the intake stream
// before the 202; the orders role creates the order. Its id is known at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { toHex, type AuditEntry } from '../../../core/audit.chain.ts';
import { offsetMinutesOf } from '../../../core/channel.transforms.ts';
import { domainError, type DomainError } from '../../../core/errors.ts';
import type { Order } from '../../../core/order.types.ts';
import type { OrderListFilters } from '../../../app/order.port.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { auditLimitDefault, fieldInQuery, keyIdOf, listLimitDefault, orderSchemas } from '../order.schemas.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The order as stored (the *Ms fields) plus its instants as ISO 8601; the tenant is the caller's. */
export function orderBody(o: Order) {
  const { tenant: _tenant, ...order } = o;
  return {
    ...order, lines: [...o.lines], holds: [...o.holds],
    placedAt: iso(o.placedAtMs),
    ...(o.paidAtMs === undefined ? {} : { paidAt: iso(o.paidAtMs) }),
    ...(o.cancelledAtMs === undefined ? {} : { cancelledAt: iso(o.cancelledAtMs) }),
    ...(o.refundedAtMs === undefined ? {} : { refundedAt: iso(o.refundedAtMs) }),
  };
}

const auditBody = (e: AuditEntry) => ({
  seq: e.seq, at: iso(e.atMs), action: e.action, actor: e.actor, changes: e.changes, prevHash: toHex(e.prevHash), hash: toHex(e.hash),
});

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** An ISO 8601 date (`2024-05-01`, UTC midnight) or date-time (UTC unless it carries an offset) → epoch ms; null when not a real one. */
export function isoMs(text: string): number | null {
  const m = isoPattern.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const offset = m[8] === undefined ? 0 : offsetMinutesOf(m[8].toUpperCase());
  if (offset === null || y < 1970 || h > 23 || mi > 59 || s > 59) return null;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s) + Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)) - offset * 60_000;
}

type ListQuery = Readonly<Partial<Record<'status' | 'channel' | 'externalId' | 'sku' | 'phone' | 'hold' | 'from' | 'to', string>>>;

/** The store's filters from the query, or the first bad time named. */
function listFilters(q: ListQuery): { filters: OrderListFilters } | { field: string } {
  const times: { fromMs?: number; toMs?: number } = {};
  for (const [name, key] of [['from', 'fromMs'], ['to', 'toMs']] as const) {
    const text = q[name];
    if (text === undefined) continue;
    const ms = isoMs(text);
    if (ms === null) return { field: name };
    times[key] = ms;
  }
  const filters: OrderListFilters = {
    ...(q.status === undefined ? {} : { status: q.status as OrderListFilters['status'] }),
    ...(q.channel === undefined ? {} : { channel: q.channel }),
    ...(q.externalId === undefined ? {} : { externalId: q.externalId }),
    ...(q.sku === undefined ? {} : { sku: q.sku }),
    ...(q.phone === undefined ? {} : { phone: q.phone }),
    ...(q.hold === undefined ? {} : { hold: q.hold === 'true' }),
    ...times,
  };
  return { filters };
}

/** ORDER_INVALID_TRANSITION carries the order's status as `status`, which the problem's HTTP status replaces: keep it as orderStatus. */
export function transitionError(e: DomainError): DomainError {
  if (e.code !== 'ORDER_INVALID_TRANSITION' || e.extra?.status === undefined) return e;
  return domainError(e.code, e.detail, { ...e.extra, orderStatus: e.extra.status });
}

export const orderRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  await app.register(orderWriteRoutes, deps);
  await app.register(orderReadRoutes, deps);
  await app.register(holdRuleRoutes, deps);
};

const submitDescription = `The storefront's own order: the canonical order draft (no other fields), paid or not (paidAtMs).
Header Idempotency-Key: the same key again answers the same 202 and stores nothing twice. The order's id is derived from
externalId, so the same externalId is always the same order. 202 once the order is durable in the intake stream; the orders role
reserves its stock and creates it (GET /v1/orders/{orderId} then finds it). 503 + Retry-After: retry with the same key.`;

const orderWriteRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, intake, orders, metrics } = deps;
  const s = orderSchemas(deps.config.limits);
  const checkout = requireAccess(auth, { scopes: ['checkout', 'admin'] });
  const operations = requireAccess(auth, { scopes: ['ops', 'admin'] });
  const Params = Type.Object({ id: s.OrderId });

  app.post('/v1/orders', {
    onRequest: checkout,
    schema: {
      summary: "Submit an order of the tenant's own storefront", description: submitDescription, tags: ['orders'],
      body: s.OrderBody, headers: deps.schemas.IdempotencyHeaders,
      response: { 202: Type.Object({ accepted: Type.Boolean(), orderId: Type.String() }) },
    },
  }, async (request, reply) => {
    const body = request.body;
    // The generic mapping reads the draft's own field names; only placedAtMs gets its default here.
    const document = { ...body, placedAtMs: body.placedAtMs ?? Date.now() };
    try {
      const submitted = await intake.submit(tenantOf(request), keyIdOf(request), request.headers['idempotency-key'], body.externalId,
        Buffer.from(JSON.stringify(document), 'utf8'));
      metrics.orderIntake.inc({ outcome: submitted.ok ? 'accepted' : submitted.error.code === 'OVERLOADED' ? 'unavailable' : 'refused' });
      if (!submitted.ok) return sendDomainError(reply, submitted.error);
      return reply.code(202).send({ accepted: true, orderId: submitted.value.orderId });
    } catch (err) {
      request.log.error({ err }, 'storefront order intake failed');
      metrics.orderIntake.inc({ outcome: 'unavailable' });
      return sendProblem(reply, { code: 'OVERLOADED', detail: 'the order cannot be taken now; retry later with the same Idempotency-Key' });
    }
  });

  app.post('/v1/orders/:id/review', {
    onRequest: operations,
    schema: {
      summary: 'Review an order on hold: approve (released to the warehouse) or reject (cancelled, stock released)', tags: ['orders'],
      description: '409 ORDER_INVALID_TRANSITION (orderStatus names the order\'s status) when the order is not on hold.',
      params: Params, body: s.ReviewBody, response: { 200: s.Order },
    },
  }, async (request, reply) => {
    const { decision, note } = request.body;
    const reviewed = await orders.review(tenantOf(request), request.params.id, decision, note ?? '', { kind: 'key', id: keyIdOf(request) });
    return reviewed.ok ? reply.send(orderBody(reviewed.value)) : sendDomainError(reply, transitionError(reviewed.error));
  });

  app.post('/v1/orders/:id/cancel', {
    onRequest: operations,
    schema: {
      summary: 'Cancel an order before its goods leave (its stock is released)', tags: ['orders'],
      description: '409 ORDER_INVALID_TRANSITION (orderStatus names the order\'s status) once shipped, delivered or refunded.',
      params: Params, body: s.CancelBody, response: { 200: s.Order },
    },
  }, async (request, reply) => {
    const cancelled = await orders.cancel(tenantOf(request), request.params.id, request.body.reason, { kind: 'key', id: keyIdOf(request) });
    return cancelled.ok ? reply.send(orderBody(cancelled.value)) : sendDomainError(reply, transitionError(cancelled.error));
  });
};

const orderReadRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, orders } = deps;
  const s = orderSchemas(deps.config.limits);
  const anyReader = requireAccess(auth, { scopes: ['read', 'checkout', 'ops', 'admin'] });
  const reader = requireAccess(auth, { scopes: ['read', 'ops', 'admin'] });
  const Params = Type.Object({ id: s.OrderId });

  app.get('/v1/orders/:id', {
    onRequest: anyReader,
    schema: { summary: 'Read an order', tags: ['orders'], params: Params, response: { 200: s.Order } },
  }, async (request, reply) => {
    const found = await orders.get(tenantOf(request), request.params.id);
    return found.ok ? reply.send(orderBody(found.value)) : sendDomainError(reply, found.error);
  });

  app.get('/v1/orders', {
    onRequest: reader,
    schema: {
      summary: "The tenant's orders, newest first, filtered (cursor-paginated)", tags: ['orders'],
      querystring: s.OrderListQuery, response: { 200: s.OrderPage },
    },
  }, async (request, reply) => {
    const q = request.query;
    const parsed = listFilters(q);
    if ('field' in parsed) {
      const field = `querystring.${parsed.field}`;
      return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: `${field} is not an ISO 8601 date or date-time`, field });
    }
    const limit = q.limit === undefined ? listLimitDefault : Number(q.limit);
    const page = await orders.list(tenantOf(request), parsed.filters, q.cursor ?? null, limit);
    if (!page.ok) return sendDomainError(reply, fieldInQuery(page.error));
    return reply.send({ orders: page.value.orders.map(orderBody), nextCursor: page.value.nextCursor });
  });

  app.get('/v1/orders/:id/audit', {
    onRequest: reader,
    schema: {
      summary: "An order's audit trail, oldest first: a hash chain (each hash covers the previous one)", tags: ['orders'],
      params: Params, querystring: s.AuditQuery, response: { 200: s.AuditPage },
    },
  }, async (request, reply) => {
    const afterSeq = request.query.after === undefined ? 0 : Number(request.query.after);
    const limit = request.query.limit === undefined ? auditLimitDefault : Number(request.query.limit);
    const entries = await orders.audit(tenantOf(request), request.params.id, afterSeq, limit);
    return entries.ok ? reply.send({ entries: entries.value.map(auditBody) }) : sendDomainError(reply, entries.error);
  });
};

const holdRuleRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, orders } = deps;
  const s = orderSchemas(deps.config.limits);
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const reader = requireAccess(auth, { scopes: ['admin', 'ops', 'read'] });

  app.get('/v1/hold-rules', {
    onRequest: reader,
    schema: { summary: "The tenant's hold rules: which paid orders wait for a review", tags: ['orders'], response: { 200: s.HoldRules } },
  }, async (request, reply) => reply.send({ rules: await orders.holdRules(tenantOf(request)) }));

  app.put('/v1/hold-rules', {
    onRequest: admin,
    schema: {
      summary: "Replace the tenant's hold rules", tags: ['orders'],
      description: 'Rule kinds: totalAtLeast {minor, currency?}, skuTagged {skus}, buyerTagged {phones?, emails?, names?}, '
        + 'addressChangedWithin {minutes}, firstOrderOfBuyer {}, channelFlag {flag}. 422 HOLD_RULES_INVALID names the field.',
      body: s.HoldRulesBody, response: { 200: s.HoldRules },
    },
  }, async (request, reply) => {
    const set = await orders.setHoldRules(tenantOf(request), request.body.rules);
    return set.ok ? reply.send({ rules: set.value }) : sendDomainError(reply, set.error);
  });
};
