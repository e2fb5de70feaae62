// The QiMen (奇门) router of a warehouse (issue 14): POST
// /v1/warehouses/{id}/qimen?method=…&timestamp=…&format=xml&app_key=…&v=…
// &sign_method=md5&customerId=…&sign=…[&tenant=…] with an XML body.
//
// No API key: the request is signed with the warehouse's QiMen app secret
// (app/qimen.inbound.service.ts checks the query and the raw bytes before the
// XML is parsed). The tenant is named as for the JSON callbacks, by the
// Pallet-Tenant header, or — as a WMS can usually set only its target URL —
// by a `tenant` query parameter, which the sign then covers.
//
// Per the protocol's convention every answer is HTTP 200 with a QiMen
// response document; `<flag>failure</flag>` with a code and message says it
// was refused and nothing changed. This plugin is encapsulated: it takes any
// media type as raw bytes, bounds them by PALLET_QIMEN_BODY_BYTES_MAX, and
// answers its own errors (an oversized body included) in QiMen form.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { QimenFault } from '../../../core/qimen.protocol.ts';
import type { RouteDeps } from '../deps.ts';
import { idAlphabet } from '../schemas.ts';

const description = `The QiMen router of a qimen-mode warehouse. No API key: the query string carries QiMen's system parameters
(method, timestamp \`yyyy-MM-dd HH:mm:ss\` Beijing time, format=xml, app_key, v, sign_method=md5, customerId, sign), the sign being
the upper-case hex MD5 of secret + sorted name+value pairs (sign excluded) + raw body + secret. The tenant: header \`Pallet-Tenant\`
or query parameter \`tenant\`. Methods: taobao.qimen.deliveryorder.confirm, taobao.qimen.itemlack.report,
taobao.qimen.stockchange.report, taobao.qimen.entryorder.confirm. Always HTTP 200 with
\`<response><flag>success|failure</flag><code/><message/></response>\`; failure changes nothing.`;

export const qimenRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { config } = deps;
  const bodyBytesMax = config.fulfilment.qimenBodyBytesMax;
  const tenantPattern = new RegExp(`^[A-Za-z0-9_-]{1,${config.limits.idLengthMax}}$`);
  const warehousePattern = new RegExp(`^[${idAlphabet}]{1,${config.limits.idLengthMax}}$`);
  // Encapsulated: only this plugin's route takes XML (or anything) as raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: bodyBytesMax }, (_request, body, done) => done(null, body));

  const send = (reply: FastifyReply, xml: string) => reply.code(200).type('application/xml; charset=utf-8').send(xml);
  const refuse = (reply: FastifyReply, fault: QimenFault) => {
    if (deps.qimen !== undefined) return send(reply, deps.qimen.refuse(fault).xml);
    // No router service (a composition without QiMen): the same document, written without a codec.
    return send(reply, `<?xml version="1.0" encoding="utf-8"?><response><flag>failure</flag><code>${fault.code}</code><message>QiMen is not served here</message></response>`);
  };

  // Errors before the handler (an oversized or unreadable body) answered as the protocol expects.
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(reply, { code: 'BODY_TOO_LARGE', message: `the body is larger than ${bodyBytesMax} bytes`, param: 'body' });
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return refuse(reply, { code: 'XML_INVALID', message: `the request could not be read: ${err.message.slice(0, 200)}`, param: 'body' });
    }
    request.log.error({ err }, 'QiMen router failed');
    return refuse(reply, { code: 'INTERNAL', message: 'internal error; send the request again later' });
  });

  app.post('/v1/warehouses/:id/qimen', {
    bodyLimit: bodyBytesMax,
    schema: {
      summary: "A QiMen WMS calls Pallet (signed, XML): delivery order confirms, shortage, stock change and inbound reports", tags: ['fulfilment'],
      description, security: [],
      response: { 200: Type.String({ description: 'the QiMen response document (application/xml)' }) },
    },
  }, async (request: FastifyRequest, reply) => {
    const target = tenantAndWarehouse(request, tenantPattern, warehousePattern);
    if ('fault' in target) return refuse(reply, target.fault);
    if (deps.qimen === undefined) return refuse(reply, { code: 'METHOD_UNKNOWN', message: 'QiMen is not served by this process' });
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const q = request.url.indexOf('?');
    const replied = await deps.qimen.receive(target.tenant, target.warehouse, q < 0 ? '' : request.url.slice(q + 1), raw);
    return send(reply, replied.xml);
  });
};

function tenantAndWarehouse(request: FastifyRequest, tenantPattern: RegExp, warehousePattern: RegExp):
  { tenant: string; warehouse: string } | { fault: QimenFault } {
  const header = request.headers['pallet-tenant'];
  const query = (request.query as Record<string, unknown> | undefined)?.tenant;
  const tenant = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (tenant === undefined || !tenantPattern.test(tenant)) {
    return { fault: { code: 'PARAM_MISSING', message: 'name the tenant: the Pallet-Tenant header or the tenant query parameter', param: 'tenant' } };
  }
  const warehouse = (request.params as { id?: unknown }).id;
  if (typeof warehouse !== 'string' || !warehousePattern.test(warehouse)) {
    return { fault: { code: 'PARAM_INVALID', message: 'the warehouse id in the path is not an id', param: 'id' } };
  }
  return { tenant, warehouse };
}
