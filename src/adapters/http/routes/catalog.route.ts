// Tenants, API keys, warehouses and SKUs.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Principal } from '../../../app/auth.service.ts';
import { channelScopeProblem, type Scope } from '../../../app/catalog.port.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError, sendProblem, type Problem } from '../problem.ts';

const keysPageDefault = 100;
const keysPageMax = 500;

export const catalogRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  await tenantRoutes(app, deps);
  await keyRoutes(app, deps);
  await catalogItemRoutes(app, deps);
};

// Another tenant's admin key learns nothing about this tenant: the same 404 as for a tenant that does not exist.
const foreignTenant = (request: { principal: Principal | null }, tenant: string): boolean => {
  const p = request.principal;
  return p?.kind === 'tenant' && p.tenantId !== tenant;
};

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

const tenantRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { schemas: s, auth, catalogs } = deps;
  const operator = requireAccess(auth, { operator: true });

  app.post('/v1/tenants', {
    onRequest: operator,
    schema: { summary: 'Create a tenant (operator key)', tags: ['tenants'], body: s.TenantBody, response: { 200: Type.Object({ id: Type.String(), name: Type.String(), created: Type.Boolean() }), 201: Type.Object({ id: Type.String(), name: Type.String(), created: Type.Boolean() }) } },
  }, async (request, reply) => {
    const { created, tenant } = await catalogs.createTenant(request.body.id, request.body.name);
    return reply.code(created ? 201 : 200).send({ id: tenant.id, name: tenant.name, created });
  });
};

/**
 * Why a key with these scopes and channel may not be made (the `channel` scope's rule, or a
 * channel the tenant does not have), or null. The channel is checked here for a clear 404;
 * migration 015's foreign key keeps it true in the table whatever calls the store.
 */
async function channelKeyRefusal(deps: RouteDeps, tenant: string, scopes: readonly Scope[], channel: string | undefined): Promise<Problem | null> {
  const broken = channelScopeProblem(scopes, channel);
  if (broken !== null) {
    const field = `body.${broken.field}`;
    return { code: 'VALIDATION_FAILED', detail: `${field} ${broken.reason}`, field, errors: [{ field, reason: broken.reason }] };
  }
  if (channel === undefined || (await deps.channels.get(tenant, channel)).ok) return null;
  // An unknown tenant has no channels either: name what is missing first.
  if (!(await deps.catalogs.tenantExists(tenant))) return { code: 'TENANT_NOT_FOUND', detail: `tenant ${tenant} not found` };
  return { code: 'CHANNEL_NOT_FOUND', detail: `body.channel: tenant ${tenant} has no channel ${channel}`, field: 'body.channel', channel };
}

const keyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { schemas: s, auth, catalogs } = deps;
  const keyMaker = requireAccess(auth, { operator: true, scopes: ['admin'] });
  // A key id as the API issues them (key_ + 16 base64url chars); anything else of this alphabet is a 404, not a 400.
  const KeyParams = Type.Object({ id: s.TenantId, keyId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'key id (the `id` that creating the key answered)' }) });
  const KeyInfo = Type.Object({
    id: Type.String(), label: Type.Union([Type.String(), Type.Null()]), scopes: Type.Array(Type.String()),
    channel: Type.Union([Type.String(), Type.Null()], { description: 'the channel of a key with scope channel; null for every other key' }),
    createdAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]),
  });

  app.post('/v1/tenants/:id/keys', {
    onRequest: keyMaker,
    schema: {
      summary: 'Create an API key; the key is shown once', tags: ['tenants'],
      description: `A key with scope \`channel\` names the one channel of the tenant it serves (\`channel\`) and holds no other scope:
it may import orders into that channel and read and replay that channel's imports and dead letters, nothing else.
400 VALIDATION_FAILED naming body.channel or body.scopes when that rule is broken, 404 CHANNEL_NOT_FOUND.`,
      params: Type.Object({ id: s.TenantId }), body: s.KeyBody,
      response: { 201: Type.Object({ id: Type.String(), key: Type.String(), scopes: Type.Array(Type.String()), channel: Type.Optional(Type.String({ description: 'on a key with scope channel only' })) }) },
    },
  }, async (request, reply) => {
    const tenant = request.params.id;
    const { scopes, label, channel } = request.body;
    const notFound = () => sendProblem(reply, { code: 'TENANT_NOT_FOUND', detail: `tenant ${tenant} not found` });
    if (foreignTenant(request, tenant)) return notFound();
    const refused = await channelKeyRefusal(deps, tenant, scopes, channel);
    if (refused !== null) return sendProblem(reply, refused);
    const key = await catalogs.createApiKey(tenant, scopes, label, channel);
    if (key === null) return notFound();
    return reply.code(201).header('cache-control', 'no-store').send({ ...key, scopes: [...key.scopes] });
  });

  app.get('/v1/tenants/:id/keys', {
    onRequest: keyMaker,
    schema: {
      summary: 'List the tenant\'s API keys, revoked ones included (never the keys themselves)', tags: ['tenants'],
      params: Type.Object({ id: s.TenantId }),
      querystring: Type.Object({
        limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-9][0-9]|[1-4][0-9]{2}|500)$', description: `keys per page, 1..${keysPageMax} (default ${keysPageDefault})` })),
        after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'the `next` of the previous page' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(KeyInfo), next: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request, reply) => {
    const tenant = request.params.id;
    const notFound = () => sendProblem(reply, { code: 'TENANT_NOT_FOUND', detail: `tenant ${tenant} not found` });
    if (foreignTenant(request, tenant)) return notFound();
    const limit = request.query.limit === undefined ? keysPageDefault : Number(request.query.limit);
    const keys = await catalogs.listApiKeys(tenant, limit, request.query.after);
    if (keys === null) return notFound();
    const items = keys.map((k) => ({ id: k.id, label: k.label, scopes: [...k.scopes], channel: k.channel ?? null, createdAt: iso(k.createdAt), revokedAt: iso(k.revokedAt) }));
    return reply.header('cache-control', 'no-store').send({ items, next: keys.length === limit ? keys[keys.length - 1]!.id : null });
  });

  app.delete('/v1/tenants/:id/keys/:keyId', {
    onRequest: keyMaker,
    schema: {
      summary: 'Revoke an API key: refused at once by this process, within PALLET_AUTH_CACHE_TTL_MS by every other; revoking again answers the first revocation',
      tags: ['tenants'], params: KeyParams,
      response: { 200: Type.Object({ id: Type.String(), revokedAt: Type.String() }) },
    },
  }, async (request, reply) => {
    const { id: tenant, keyId } = request.params;
    if (foreignTenant(request, tenant)) return sendProblem(reply, { code: 'TENANT_NOT_FOUND', detail: `tenant ${tenant} not found` });
    const revoked = await auth.revoke(tenant, keyId);
    if (revoked === null) return sendProblem(reply, { code: 'UNKNOWN_KEY', detail: `tenant ${tenant} has no key ${keyId}`, field: 'params.keyId' });
    return reply.send({ id: revoked.id, revokedAt: revoked.revokedAt.toISOString() });
  });
};

const catalogItemRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { schemas: s, auth, catalogs } = deps;
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const reader = requireAccess(auth, { scopes: ['read', 'admin', 'checkout'] });
  const Created = Type.Object({ id: Type.String(), created: Type.Boolean() });

  app.put('/v1/warehouses/:id', {
    onRequest: admin,
    schema: { summary: 'Create or update a warehouse', tags: ['catalog'], params: Type.Object({ id: s.Id('warehouse id') }), body: s.WarehouseBody, response: { 200: Created, 201: Created } },
  }, async (request, reply) => {
    const result = await catalogs.putWarehouse(tenantOf(request), { id: request.params.id, ...request.body });
    if (!result.ok) return sendDomainError(reply, result.error);
    return reply.code(result.value.created ? 201 : 200).send({ id: request.params.id, created: result.value.created });
  });

  app.get('/v1/warehouses', {
    onRequest: reader,
    schema: { summary: 'List warehouses', tags: ['catalog'], response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), region: Type.String(), priority: Type.Integer() })) }) } },
  }, async (request, reply) => {
    const catalog = await catalogs.get(tenantOf(request));
    return reply.send({ items: catalog === null ? [] : [...catalog.warehouses.values()] });
  });

  app.put('/v1/skus/:sku', {
    onRequest: admin,
    schema: { summary: 'Create or update a SKU; with components it is a bundle', tags: ['catalog'], params: Type.Object({ sku: s.Id('sku') }), body: s.SkuBody, response: { 200: Created, 201: Created } },
  }, async (request, reply) => {
    const result = await catalogs.putSku(tenantOf(request), { sku: request.params.sku, name: request.body.name, components: request.body.components ?? [] });
    if (!result.ok) return sendDomainError(reply, result.error);
    return reply.code(result.value.created ? 201 : 200).send({ id: request.params.sku, created: result.value.created });
  });

  app.get('/v1/skus/:sku', {
    onRequest: reader,
    schema: { summary: 'Read a SKU', tags: ['catalog'], params: Type.Object({ sku: s.Id('sku') }), response: { 200: Type.Object({ sku: Type.String(), name: Type.String(), components: Type.Array(Type.Object({ sku: Type.String(), qty: Type.Integer() })) }) } },
  }, async (request, reply) => {
    const catalog = await catalogs.fresh(tenantOf(request));
    const item = catalog?.skus.get(request.params.sku);
    if (item === undefined) return sendProblem(reply, { code: 'UNKNOWN_SKU', detail: `unknown sku: ${request.params.sku}`, skus: [request.params.sku] });
    return reply.send({ ...item, components: [...item.components] });
  });
};
