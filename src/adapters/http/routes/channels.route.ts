// Channels (issue 11): a tenant's shops on the platforms, their dead letters,
// and the signed intake their order documents arrive by. The intake route
// lives in its own encapsulated plugin whose JSON parser keeps the raw bytes
// (the platform signs exactly the bytes it sent); it takes no API key.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { domainError, fail, ok, type DomainError, type Result } from '../../../core/errors.ts';
import type { ChannelInfo, DeadLetterSummary } from '../../../app/order.port.ts';
import { storefrontChannel } from '../../../app/intake.service.ts';
import { signatureHeaders } from '../../../app/channel.signature.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { channelSchemas, fieldInQuery, keyIdOf, listLimitDefault } from '../order.schemas.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

export const channelRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  await app.register(intakeRoutes, deps);
  await app.register(channelAdminRoutes, deps);
  await app.register(deadLetterRoutes, deps);
};

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** A channel as the API shows it: never a secret, only which slots are set and since when. */
export function channelBody(c: ChannelInfo) {
  const slot = (s: { createdAt: Date } | null) => (s === null ? null : { createdAt: s.createdAt.toISOString() });
  return {
    id: c.id, type: c.type, name: c.name, mapping: c.mapping ?? null, mappingVersion: c.mappingVersion, skuMap: c.skuMap,
    secrets: { current: slot(c.secrets.current), previous: slot(c.secrets.previous) },
    intakePath: `/v1/channels/${c.id}/orders?tenant=${c.tenant}`,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

const deadLetterBody = (d: DeadLetterSummary) => ({
  id: d.id, channel: d.channel, documentBytes: d.documentBytes, sourcePath: d.sourcePath, rule: d.rule, reason: d.reason,
  mappingVersion: d.mappingVersion, createdAt: d.createdAt.toISOString(), replayedAt: iso(d.replayedAt),
});

/** The built-in storefront channel takes no secret and keeps the generic mapping POST /v1/orders writes in. */
const reserved = (field: string, detail: string) => ({ code: 'CHANNEL_ID_RESERVED' as const, detail, field, errors: [{ field, reason: detail }] });

const channelAdminRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, channels } = deps;
  const s = channelSchemas(deps.config.limits);
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const reader = requireAccess(auth, { scopes: ['admin', 'read'] });
  const Params = Type.Object({ id: s.ChannelId });

  app.post('/v1/channels', {
    onRequest: admin,
    schema: {
      summary: 'Create a channel (a shop on a platform) with its webhook secret', tags: ['channels'], body: s.ChannelBody,
      description: `The id \`${storefrontChannel}\` is reserved (POST /v1/orders). 409 CHANNEL_EXISTS, 422 MAPPING_INVALID.`,
      response: { 201: s.ChannelInfo },
    },
  }, async (request, reply) => {
    const { id, webhookSecret, ...rest } = request.body;
    if (id === storefrontChannel) return sendProblem(reply, reserved('body.id', `the channel id ${storefrontChannel} is reserved for POST /v1/orders`));
    const created = await channels.create(tenantOf(request), { id, ...rest, webhookSecret });
    if (!created.ok) return sendDomainError(reply, created.error);
    return reply.code(201).send(channelBody(created.value));
  });

  app.get('/v1/channels', {
    onRequest: reader,
    schema: { summary: "The tenant's channels in id order", tags: ['channels'], querystring: s.ChannelListQuery, response: { 200: s.ChannelList } },
  }, async (request, reply) => {
    const limit = request.query.limit === undefined ? listLimitDefault : Number(request.query.limit);
    const list = await channels.list(tenantOf(request), limit, request.query.after);
    const last = list[list.length - 1];
    return reply.send({ channels: list.map(channelBody), nextAfter: list.length === limit && last !== undefined ? last.id : null });
  });

  app.get('/v1/channels/:id', {
    onRequest: reader,
    schema: { summary: 'Read a channel (never its secret)', tags: ['channels'], params: Params, response: { 200: s.ChannelInfo } },
  }, async (request, reply) => {
    const found = await channels.get(tenantOf(request), request.params.id);
    return found.ok ? reply.send(channelBody(found.value)) : sendDomainError(reply, found.error);
  });

  app.patch('/v1/channels/:id', {
    onRequest: admin,
    schema: {
      summary: 'Change a channel; a new webhookSecret becomes current and the old one stays valid as the previous one', tags: ['channels'],
      description: 'mapping: an object, or null for the type\'s default mapping. 422 MAPPING_INVALID.',
      params: Params, body: s.ChannelPatch, response: { 200: s.ChannelInfo },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const change = request.body;
    if (id === storefrontChannel) {
      const field = change.webhookSecret !== undefined ? 'body.webhookSecret' : change.mapping !== undefined ? 'body.mapping' : null;
      if (field !== null) return sendProblem(reply, reserved(field, `the ${storefrontChannel} channel takes no webhook secret and keeps the generic mapping`));
    }
    const changed = await channels.change(tenantOf(request), id, change);
    return changed.ok ? reply.send(channelBody(changed.value)) : sendDomainError(reply, changed.error);
  });
};

const deadLetterRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, channels } = deps;
  const s = channelSchemas(deps.config.limits);
  // A `channel` key reads and replays the dead letters of its own channel only.
  const reader = requireAccess(auth, { scopes: ['admin', 'ops', 'read'], channelParam: 'id' });
  const operations = requireAccess(auth, { scopes: ['admin', 'ops'], channelParam: 'id' });

  app.get('/v1/channels/:id/dead-letters', {
    onRequest: reader,
    schema: {
      summary: "A channel's dead letters (documents that did not map), newest first", tags: ['channels'],
      params: Type.Object({ id: s.ChannelId }), querystring: s.DeadLetterQuery, response: { 200: s.DeadLetterPage },
    },
  }, async (request, reply) => {
    const q = request.query;
    const filters = q.replayed === undefined ? {} : { replayed: q.replayed === 'true' };
    const limit = q.limit === undefined ? listLimitDefault : Number(q.limit);
    const page = await channels.deadLetters(tenantOf(request), request.params.id, filters, q.cursor ?? null, limit);
    if (!page.ok) return sendDomainError(reply, fieldInQuery(page.error));
    return reply.send({ deadLetters: page.value.deadLetters.map(deadLetterBody), nextCursor: page.value.nextCursor });
  });

  app.post('/v1/channels/:id/dead-letters/:dlId/replay', {
    onRequest: operations,
    schema: {
      summary: "Send a dead letter's document through intake again (after the mapping is fixed)", tags: ['channels'],
      description: '202 once the document is durable in the intake stream. 409 CALLBACK_REPLAYED: replayed before. 503: retry.',
      params: Type.Object({ id: s.ChannelId, dlId: s.DeadLetterId }), response: { 202: s.DeadLetter },
    },
  }, async (request, reply) => {
    const { id, dlId } = request.params;
    try {
      const replayed = await channels.replayDeadLetter(tenantOf(request), id, dlId, `key:${keyIdOf(request)}`);
      return replayed.ok ? reply.code(202).send(deadLetterBody(replayed.value)) : sendDomainError(reply, replayed.error);
    } catch (err) {
      request.log.error({ err }, 'dead letter replay failed');
      return sendProblem(reply, { code: 'OVERLOADED', detail: 'the intake stream did not take the document; retry later' });
    }
  });
};


// ---------------------------------------------------------------- signed intake

const intakeDescription = `A channel's order document (a platform webhook, or a document Pallet pulled). No API key: the request is signed.
Tenant: the \`Pallet-Tenant\` header, or \`?tenant=<id>\` for platforms that cannot add headers (Shopify, WooCommerce).
Signature over the raw body with the channel's webhook secret (current or, during a rotation, previous):
shopify \`X-Shopify-Hmac-Sha256\` (base64 HMAC-SHA256), woocommerce \`X-WC-Webhook-Signature\` (same),
every other type \`Pallet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">\`.
Delivery id: \`X-Shopify-Webhook-Id\`, \`X-WC-Webhook-Delivery-Id\`, else \`Pallet-Delivery-Id\` (1-128 printable characters).
202 once the document is durable in the intake stream; the orders role maps it (a document that does not map becomes a dead letter).
401 SIGNATURE_INVALID / SIGNATURE_EXPIRED, 404 CHANNEL_NOT_FOUND (also for an unknown tenant), 409 CALLBACK_REPLAYED (this delivery
was accepted before), 400 VALIDATION_FAILED (delivery id missing), 503 + Retry-After: retry.`;

const tenantPattern = (idLengthMax: number) => new RegExp(`^[A-Za-z0-9_-]{1,${idLengthMax}}$`);
const anySignatureHeader = [...new Set(Object.values(signatureHeaders))];

interface IntakeTarget { readonly tenant: string; readonly channel: string }

/** Tenant (header, else query) and channel of an intake request; checked before the body is read. */
export function intakeTarget(request: FastifyRequest, idLengthMax: number): Result<IntakeTarget> {
  const header = request.headers['pallet-tenant'];
  const query = (request.query as Record<string, unknown> | undefined)?.tenant;
  const [tenant, field] = header !== undefined ? [header, 'headers.pallet-tenant'] : [query, 'querystring.tenant'];
  const ids = tenantPattern(idLengthMax);
  if (typeof tenant !== 'string' || !ids.test(tenant)) {
    return fail(domainError('SIGNATURE_INVALID', 'the tenant is missing or malformed: send the Pallet-Tenant header or ?tenant=<id>', { field }));
  }
  if (!anySignatureHeader.some((name) => request.headers[name] !== undefined)) {
    return fail(domainError('SIGNATURE_INVALID', `the request is not signed (${anySignatureHeader.join(', ')})`, { field: 'headers' }));
  }
  const channel = (request.params as Record<string, unknown> | undefined)?.id;
  // A channel id that cannot exist is the same 404 as one that does not.
  if (typeof channel !== 'string' || !ids.test(channel)) {
    return fail(domainError('CHANNEL_NOT_FOUND', `channel ${String(channel).slice(0, 80)} not found`, { channel: String(channel).slice(0, 80) }));
  }
  return ok({ tenant, channel });
}

const outcomeOf: Readonly<Record<string, string>> = {
  SIGNATURE_INVALID: 'unauthenticated', SIGNATURE_EXPIRED: 'expired', CALLBACK_REPLAYED: 'replayed', CHANNEL_NOT_FOUND: 'not_found',
  VALIDATION_FAILED: 'invalid', OVERLOADED: 'unavailable',
};

const intakeRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { intake, metrics, config } = deps;
  // Encapsulated: only this plugin's route gets the raw body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: config.limits.bodyBytesMax }, (_request, body, done) => done(null, body));
  const count = (outcome: string) => metrics.orderIntake.inc({ outcome });
  const refuse = (reply: FastifyReply, e: DomainError) => {
    count(outcomeOf[e.code] ?? 'refused');
    return sendDomainError(reply, e);
  };

  app.post('/v1/channels/:id/orders', {
    // Tenant, channel id and the presence of a signature are checked before the body is read, like an API key.
    onRequest: async (request, reply) => {
      const target = intakeTarget(request, config.limits.idLengthMax);
      return target.ok ? undefined : refuse(reply, target.error);
    },
    schema: {
      summary: "A channel's order document (signed; no API key)", description: intakeDescription, tags: ['channels', 'orders'], security: [],
      response: { 202: Type.Object({ accepted: Type.Boolean() }) },
    },
  }, async (request, reply) => {
    const target = intakeTarget(request, config.limits.idLengthMax);
    if (!target.ok) return refuse(reply, target.error); // checked in onRequest already
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const received = await intake.receive(target.value.tenant, target.value.channel, request.headers, raw);
      if (!received.ok) return refuse(reply, received.error);
      count('accepted');
      return reply.code(202).send({ accepted: true });
    } catch (err) {
      // e.g. PostgreSQL down while looking up the channel: the platform retries a 503.
      request.log.error({ err }, 'order intake failed');
      return refuse(reply, domainError('OVERLOADED', 'the order document cannot be taken now; retry later'));
    }
  });
};
