// Fulfilment (issue 12): a warehouse's WMS connection, its pick tasks (pulled
// by the WMS, acked, redelivered by ops) and an order's tasks.
//
// The pull routes (list, ack) take either an API key (admin or ops) or a
// request signed by the warehouse's WMS and no key: `Pallet-Tenant: <tenant>`
// and `Pallet-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<request
// target>">` with the WMS's secret, the request target being the path and
// query exactly as sent (`/v1/warehouses/wh1/tasks?limit=50`): these requests
// have no body, so the target is what is signed, cursor included.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { PickTask } from '../../../core/pick-task.rules.ts';
import { qimenCodeLengthMax, wmsModes, wmsSecretLengthMax, wmsSecretLengthMin, wmsTimeoutMsMax, wmsTimeoutMsMin, wmsUrlLengthMax } from '../../../core/pick-task.rules.ts';
import type { WmsConfig } from '../../../app/fulfilment.port.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { listLimitDefault } from '../order.schemas.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const isoOf = (ms: number): string => new Date(ms).toISOString();

export const taskBody = (t: PickTask) => ({
  id: t.id, orderId: t.orderId, warehouse: t.warehouse, status: t.status, lines: t.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
  shippingAddress: t.shippingAddress,
  amendments: t.amendments.map((a) => ({ id: a.id, kind: a.kind, before: a.before, after: a.after, createdAt: isoOf(a.createdAtMs) })),
  attempts: t.attempts, lastError: t.lastError, dead: t.dead,
  createdAt: isoOf(t.createdAtMs), deliveredAt: iso(t.deliveredAtMs), updatedAt: isoOf(t.updatedAtMs),
});

const wmsBody = (w: WmsConfig) => ({
  warehouse: w.warehouse, mode: w.mode, url: w.url, timeoutMs: w.timeoutMs, createdAt: w.createdAt.toISOString(), updatedAt: w.updatedAt.toISOString(),
  ...(w.qimen === undefined ? {} : { qimen: { appKey: w.qimen.appKey, customerId: w.qimen.customerId, warehouseCode: w.qimen.warehouseCode } }),
});

const TaskView = Type.Object({
  id: Type.String(), orderId: Type.String(), warehouse: Type.String(),
  status: Type.String({ description: 'pending, delivered, accepted, picking, packed, shipped, cannot_fulfil, exception or cancelled' }),
  lines: Type.Array(Type.Object({ sku: Type.String(), qty: Type.Integer() })),
  shippingAddress: Type.Unknown(), amendments: Type.Array(Type.Unknown()),
  attempts: Type.Integer(), lastError: Type.Union([Type.String(), Type.Null()]), dead: Type.Boolean(),
  createdAt: Type.String(), deliveredAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String(),
});
const WmsView = Type.Object({
  warehouse: Type.String(), mode: Type.String(), url: Type.Union([Type.String(), Type.Null()]), timeoutMs: Type.Integer(),
  createdAt: Type.String(), updatedAt: Type.String(),
  qimen: Type.Optional(Type.Object({ appKey: Type.String(), customerId: Type.String(), warehouseCode: Type.String() }, { description: 'qimen mode only' })),
});
const QimenCode = (description: string) => Type.Optional(Type.String({ pattern: `^[\\x21-\\x7e]{1,${qimenCodeLengthMax}}$`, description }));
const WmsBody = Type.Object({
  mode: Type.Union(wmsModes.map((m) => Type.Literal(m))),
  url: Type.Optional(Type.String({ maxLength: wmsUrlLengthMax, description: 'http(s) URL tasks are POSTed to (push mode)' })),
  secret: Type.String({ minLength: wmsSecretLengthMin, maxLength: wmsSecretLengthMax, description: 'HMAC-SHA256 signing secret (qimen: the app secret); never returned' }),
  timeoutMs: Type.Optional(Type.Integer({ minimum: wmsTimeoutMsMin, maximum: wmsTimeoutMsMax })),
  appKey: QimenCode("qimen mode: the WMS's app_key"),
  customerId: QimenCode("qimen mode: Pallet's owner (customer) id at the WMS"),
  warehouseCode: QimenCode("qimen mode: the warehouse's code at the WMS"),
}, { additionalProperties: false });
const TaskId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'task id (tk_…)' });
const OrderId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'order id (o_…)' });
const TaskQuery = Type.Object({
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: '1-200, default 50' })),
}, { additionalProperties: false });
const NoBody = Type.Object({}, { additionalProperties: false });
const noBodyDefault = async (request: FastifyRequest) => {
  if (request.body === undefined || request.body === null) request.body = {};
};

const signedDescription = `An admin or ops key, or no key and a request signed by the warehouse's WMS:
\`Pallet-Tenant: <tenant>\` and \`Pallet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<request target>">\` with the WMS secret,
the request target being the path and query exactly as sent (e.g. \`/v1/warehouses/wh1/tasks?limit=50\`).`;

/** The tenant a request was let in for: its key's, or the Pallet-Tenant of a signed one. */
const signedTenant = new WeakMap<FastifyRequest, string>();
const tenantOfRequest = (request: FastifyRequest): string => signedTenant.get(request) ?? tenantOf(request);

/** An API key (admin or ops) when one is sent or nothing is signed; else the WMS's signature. Before the body is read. */
function keyOrWms(deps: RouteDeps): onRequestAsyncHookHandler {
  const operations = requireAccess(deps.auth, { scopes: ['admin', 'ops'] });
  const tenantPattern = new RegExp(`^[A-Za-z0-9_-]{1,${deps.config.limits.idLengthMax}}$`);
  return async function checkKeyOrWms(this: unknown, request: FastifyRequest, reply: FastifyReply) {
    const signature = request.headers['pallet-signature'];
    if (request.headers.authorization !== undefined || typeof signature !== 'string') return operations.call(this as never, request, reply);
    const tenant = request.headers['pallet-tenant'];
    const warehouse = (request.params as { id?: unknown }).id;
    if (typeof tenant !== 'string' || !tenantPattern.test(tenant) || typeof warehouse !== 'string' || warehouse.length > 256) {
      return sendProblem(reply, { code: 'SIGNATURE_INVALID', detail: 'a signed request needs the Pallet-Tenant header', field: 'headers.pallet-tenant' });
    }
    const checked = await deps.pickTasks.verifyWms(tenant, warehouse, signature, request.url);
    if (!checked.ok) return sendDomainError(reply, checked.error);
    signedTenant.set(request, tenant);
  };
}

export const warehouseWmsRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, pickTasks: fulfilment, schemas: s } = deps;
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const operations = requireAccess(auth, { scopes: ['admin', 'ops'] });
  const readers = requireAccess(auth, { scopes: ['admin', 'ops', 'read'] });
  const keyOrSigned = keyOrWms(deps);
  const Params = Type.Object({ id: s.Id('warehouse id') });
  const TaskParams = Type.Object({ id: s.Id('warehouse id'), taskId: TaskId });

  app.put('/v1/warehouses/:id/wms', {
    onRequest: admin,
    schema: {
      summary: "Connect a warehouse's WMS: push (tasks are POSTed to url, signed), pull (the WMS lists and acks tasks) or qimen (QiMen deliveryorder.create to url)", tags: ['fulfilment'],
      description: 'The secret is stored encrypted and never returned. 404 UNKNOWN_WAREHOUSE.', params: Params, body: WmsBody, response: { 200: WmsView },
    },
  }, async (request, reply) => {
    const saved = await fulfilment.setWms(tenantOf(request), request.params.id, request.body);
    return saved.ok ? reply.send(wmsBody(saved.value)) : sendDomainError(reply, saved.error);
  });

  app.get('/v1/warehouses/:id/wms', {
    onRequest: readers,
    schema: { summary: "A warehouse's WMS connection (never its secret)", tags: ['fulfilment'], params: Params, response: { 200: WmsView } },
  }, async (request, reply) => {
    const found = await fulfilment.wms(tenantOf(request), request.params.id);
    return found.ok ? reply.send(wmsBody(found.value)) : sendDomainError(reply, found.error);
  });

  app.get('/v1/warehouses/:id/tasks', {
    onRequest: keyOrSigned,
    schema: {
      summary: "A warehouse's pending pick tasks, oldest first (the pull mode)", tags: ['fulfilment'], description: signedDescription,
      params: Params, querystring: TaskQuery, response: { 200: Type.Object({ tasks: Type.Array(TaskView), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request, reply) => {
    const limit = request.query.limit === undefined ? listLimitDefault : Number(request.query.limit);
    const page = await fulfilment.pendingTasks(tenantOfRequest(request), request.params.id, request.query.cursor ?? null, limit);
    return page.ok ? reply.send({ tasks: page.value.tasks.map(taskBody), nextCursor: page.value.nextCursor }) : sendDomainError(reply, page.error);
  });

  app.post('/v1/warehouses/:id/tasks/:taskId/ack', {
    onRequest: keyOrSigned, preValidation: noBodyDefault,
    schema: {
      summary: 'The WMS took a pulled task: pending → delivered (again: the task as it is)', tags: ['fulfilment'], description: signedDescription,
      params: TaskParams, body: NoBody, response: { 200: TaskView },
    },
  }, async (request, reply) => {
    const acked = await fulfilment.ack(tenantOfRequest(request), request.params.id, request.params.taskId);
    return acked.ok ? reply.send(taskBody(acked.value)) : sendDomainError(reply, acked.error);
  });

  app.post('/v1/warehouses/:id/tasks/:taskId/redeliver', {
    onRequest: operations, preValidation: noBodyDefault,
    schema: {
      summary: 'Send a task again (admin or ops key): pushed now in push mode; back to pending for the WMS to pull in pull mode', tags: ['fulfilment'],
      description: 'delivered: the WMS answered 2xx; error: why not (the task stays dead until the next redelivery). 409 for a cancelled or shipped task.',
      params: TaskParams, body: NoBody,
      response: { 200: Type.Object({ delivered: Type.Boolean(), error: Type.Union([Type.String(), Type.Null()]), task: TaskView }) },
    },
  }, async (request, reply) => {
    const done = await fulfilment.redeliver(tenantOf(request), request.params.id, request.params.taskId);
    if (!done.ok) return sendDomainError(reply, done.error);
    return reply.send({ delivered: done.value.delivered, error: done.value.error, task: taskBody(done.value.task) });
  });

  app.get('/v1/orders/:id/tasks', {
    onRequest: readers,
    schema: {
      summary: "An order's pick tasks, one per warehouse (read, ops or admin key)", tags: ['fulfilment', 'orders'],
      params: Type.Object({ id: OrderId }), response: { 200: Type.Object({ tasks: Type.Array(TaskView) }) },
    },
  }, async (request, reply) => {
    const tasks = await fulfilment.tasksOfOrder(tenantOf(request), request.params.id);
    return reply.send({ tasks: tasks.map(taskBody) });
  });
};
