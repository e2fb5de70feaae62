// Channel write-back (issue 12): a channel's platform endpoint and
// credentials (admin; the credentials are stored encrypted and never
// returned, a read says which are set) and an order's write-back records
// (read, ops or admin key): per shipment, pushed / failed / dead, attempts,
// the last error and what the platform answered.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { WritebackRecord } from '../../../app/writeback.port.ts';
import { writebackCredentialLengthMax, writebackUrlLengthMax } from '../../../app/writeback.service.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError } from '../problem.ts';

const Credential = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: writebackCredentialLengthMax, description }));

const WritebackBody = Type.Object({
  url: Type.String({ minLength: 1, maxLength: writebackUrlLengthMax, description: "The platform's base URL (Shopify shop, WooCommerce site), API gateway (Taobao, JD, Pinduoduo, Douyin) or the generic webhook URL" }),
  appKey: Credential('WooCommerce consumer key; Taobao/JD/Douyin app key; Pinduoduo client id'),
  appSecret: Credential('WooCommerce consumer secret; Taobao/JD/Pinduoduo/Douyin app secret; generic: the Pallet-Signature secret'),
  accessToken: Credential("Shopify Admin API access token; the shop's session/access token on Taobao, JD, Pinduoduo, Douyin"),
}, { additionalProperties: false });

const WritebackView = Type.Object({
  channel: Type.String(), url: Type.String(),
  credentialsSet: Type.Array(Type.String(), { description: 'which of appKey, appSecret, accessToken are stored (never their values)' }),
  updatedAt: Type.String(),
});

const RecordView = Type.Object({
  carrier: Type.String(), trackingNumber: Type.String(), channel: Type.String(),
  status: Type.String({ description: 'pushed, failed (will be retried) or dead (retries exhausted)' }),
  attempts: Type.Integer(), lastError: Type.Union([Type.String(), Type.Null()]), reference: Type.Union([Type.String(), Type.Null()]),
  pushedAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String(),
});

const recordBody = (r: WritebackRecord) => ({
  carrier: r.carrier, trackingNumber: r.trackingNumber, channel: r.channel, status: r.status, attempts: r.attempts, lastError: r.lastError,
  reference: r.reference, pushedAt: r.pushedAtMs === null ? null : new Date(r.pushedAtMs).toISOString(), updatedAt: new Date(r.updatedAtMs).toISOString(),
});

export const writebackRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, writebacks, schemas: s } = deps;
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const readers = requireAccess(auth, { scopes: ['admin', 'ops', 'read'] });

  app.patch('/v1/channels/:id/writeback', {
    onRequest: admin,
    schema: {
      summary: "Set where and how a channel's shipments are pushed to its platform (admin)", tags: ['channels', 'fulfilment'],
      description: 'Replaces the whole write-back configuration: credentials not given are cleared. Which credentials a type needs: shopify accessToken; '
        + 'woocommerce appKey+appSecret; taobao, jd, pinduoduo, douyin appKey+appSecret+accessToken; generic appSecret. 404 CHANNEL_NOT_FOUND.',
      params: Type.Object({ id: s.Id('channel id') }), body: WritebackBody, response: { 200: WritebackView },
    },
  }, async (request, reply) => {
    const { url, ...credentials } = request.body;
    const saved = await writebacks.configure(tenantOf(request), request.params.id, url, credentials);
    if (!saved.ok) return sendDomainError(reply, saved.error);
    const v = saved.value;
    return reply.send({ channel: v.channel, url: v.url, credentialsSet: [...v.credentialsSet], updatedAt: v.updatedAt.toISOString() });
  });

  app.get('/v1/orders/:id/writebacks', {
    onRequest: readers,
    schema: {
      summary: "An order's shipments as pushed to its channel's platform: pushed, failed or dead, with the last error", tags: ['orders', 'fulfilment'],
      params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'order id (o_…)' }) }),
      response: { 200: Type.Object({ writebacks: Type.Array(RecordView) }) },
    },
  }, async (request, reply) => {
    const records = await writebacks.records(tenantOf(request), request.params.id);
    return reply.send({ writebacks: records.map(recordBody) });
  });
};
