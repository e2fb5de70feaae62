// Warehouse callbacks (issue 12): the WMS reports on a pick task, and
// acknowledges address amendments, signed with the warehouse's WMS secret
// (no API key). As for payment callbacks, these routes live in an
// encapsulated plugin whose JSON parser keeps the raw bytes: the headers are
// checked before the body is read, the signature over exactly the bytes sent
// (constant time), and only then is the body parsed and validated, strictly.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { domainError, fail, ok, type Result } from '../../../core/errors.ts';
import { duplicateKeyPath } from '../../../core/json.strict.ts';
import { unstorableTextIn } from '../../../core/text.rules.ts';
import type { OrderFulfilmentService } from '../../../app/order.fulfilment.service.ts';
import { callbackReasonLengthMax, parcelsPerCallbackMax, wmsCallbackStatuses, type WmsCallback } from '../../../app/wms-callback.port.ts';
import type { Config, Limits } from '../../../config.ts';
import { sendDomainError, sendProblem, type Problem } from '../problem.ts';
import { idAlphabet } from '../schemas.ts';
import { transitionError } from './orders.route.ts';

export interface WmsCallbackRouteDeps {
  readonly config: Config;
  readonly fulfilment: OrderFulfilmentService;
}

const printable = (max: number, description: string) => Type.String({ pattern: `^[\\x21-\\x7e]{1,${max}}$`, description });

export function wmsCallbackBodySchema(limits: Limits) {
  const Id = (description: string) => Type.String({ pattern: `^[${idAlphabet}]{1,${limits.idLengthMax}}$`, description });
  const Parcel = Type.Object({
    carrier: printable(64, 'carrier code, e.g. SF, ZTO, UPS'),
    trackingNumber: printable(64, "the carrier's tracking number"),
    weightGrams: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'grams, 1..1,000,000' })),
  }, { additionalProperties: false });
  return Type.Object({
    callbackId: Id("the WMS's id of this callback: the same id is applied once"),
    taskId: Id('the pick task reported on'),
    orderId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'order id (o_…)' }),
    status: Type.Union(wmsCallbackStatuses.map((s) => Type.Literal(s)), { description: wmsCallbackStatuses.join(', ') }),
    parcels: Type.Optional(Type.Array(Parcel, { minItems: 1, maxItems: parcelsPerCallbackMax, description: `1..${parcelsPerCallbackMax} parcels` })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: callbackReasonLengthMax, description: `1..${callbackReasonLengthMax} characters` })),
  }, { additionalProperties: false });
}

const AckBody = Type.Object({}, { additionalProperties: false });

const signedHeaders = `No API key: the request is signed. Headers: \`Pallet-Tenant: <tenant id>\`,
\`Pallet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the warehouse's WMS secret>\`.`;

const callbackDescription = `${signedHeaders}
Body: \`{callbackId, taskId, orderId, status: accepted|picking|packed|shipped|cannot_fulfil|exception, parcels?: [{carrier, trackingNumber, weightGrams?}], reason?}\`.
accepted: no status change (audit entry); picking → picking (409 while an address amendment awaits the warehouse: ack it first);
packed → packed; shipped → shipped (parcels required, stored as shipments, stock fulfilled); exception → exception (reason required);
cannot_fulfil (reason required) of a released order → re-allocated to another warehouse (its stock reserved there and released here, a new task),
or exception with the stock released when no other warehouse holds it; of a picking or packed order → exception.
200 \`{applied, duplicate, changed, orderId, status}\`; the same callbackId again → 200 with \`duplicate: true\` and no effect.
401 SIGNATURE_INVALID / SIGNATURE_EXPIRED, 404 ORDER_NOT_FOUND, 409 ORDER_INVALID_TRANSITION naming the order's status.`;

export const wmsCallbackRoutes: FastifyPluginAsyncTypebox<WmsCallbackRouteDeps> = async (app, deps) => {
  const { fulfilment, config } = deps;
  // Encapsulated: only this plugin's routes get the raw body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const callbackCheck = TypeCompiler.Compile(wmsCallbackBodySchema(config.limits));
  const ackCheck = TypeCompiler.Compile(AckBody);
  // Like the channel intake, no params schema: the path ids are checked after the headers, so an unsigned call is 401 whatever its path.
  const headersOf = (request: FastifyRequest) => signedTarget(request, config.limits.idLengthMax);
  const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    const h = headersOf(request);
    return h.ok ? undefined : sendDomainError(reply, h.error);
  };

  /** Headers, signature, body: the verified tenant and body, or the reply already sent. */
  async function verified<T extends TSchema>(request: FastifyRequest, reply: FastifyReply, check: TypeCheck<T>) {
    const h = headersOf(request);
    if (!h.ok) return { sent: sendDomainError(reply, h.error) };
    const { tenant, warehouse, aid } = h.value;
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signed = await fulfilment.verify(tenant, warehouse, h.value.signature, raw);
    if (!signed.ok) return { sent: sendDomainError(reply, signed.error) };
    const body = parseSigned(raw, check);
    if (!body.ok) return { sent: sendProblem(reply, body.error) };
    return { tenant, warehouse, aid, body: body.value };
  }

  app.post('/v1/warehouses/:id/callbacks', {
    onRequest,
    schema: {
      summary: 'A warehouse (WMS) reports on a pick task (signed)', description: callbackDescription, tags: ['fulfilment'], security: [],
      response: { 200: Type.Object({ applied: Type.Boolean(), duplicate: Type.Boolean(), changed: Type.Boolean(), orderId: Type.String(), status: Type.String() }) },
    },
  }, async (request, reply) => {
    const v = await verified(request, reply, callbackCheck);
    if ('sent' in v) return v.sent;
    const applied = await fulfilment.callback(v.tenant, v.warehouse, v.body as WmsCallback);
    if (!applied.ok) return sendDomainError(reply, transitionError(applied.error));
    const { order, duplicate, changed } = applied.value;
    return reply.send({ applied: true, duplicate, changed, orderId: order.id, status: order.status });
  });

  app.post('/v1/warehouses/:id/amendments/:aid/ack', {
    onRequest,
    schema: {
      summary: 'The WMS acknowledges an address amendment (signed)', tags: ['fulfilment'], security: [],
      description: `${signedHeaders}\nBody: \`{}\` (or none). The order is released once nothing else holds it. 404 AMENDMENT_NOT_FOUND.`,
      response: { 200: Type.Object({ amendmentId: Type.String(), orderId: Type.String(), status: Type.String(), changed: Type.Boolean(), orderStatus: Type.String() }) },
    },
  }, async (request, reply) => {
    const v = await verified(request, reply, ackCheck);
    if ('sent' in v) return v.sent;
    const acked = await fulfilment.acknowledgeAmendment(v.tenant, v.warehouse, v.aid ?? '');
    if (!acked.ok) return sendDomainError(reply, transitionError(acked.error));
    const { amendment, order, changed } = acked.value;
    return reply.send({ amendmentId: amendment.id, orderId: order.id, status: amendment.status, changed, orderStatus: order.status });
  });
};

interface SignedTarget { readonly tenant: string; readonly signature: string; readonly warehouse: string; readonly aid?: string }

/** Pallet-Tenant and Pallet-Signature (a missing or malformed one is SIGNATURE_INVALID naming it), then the path's ids (VALIDATION_FAILED). */
function signedTarget(request: FastifyRequest, idLengthMax: number): Result<SignedTarget> {
  const headers = signedHeadersOf(request.headers, idLengthMax);
  if (!headers.ok) return headers;
  const params = request.params as { id?: unknown; aid?: unknown };
  const idPattern = new RegExp(`^[${idAlphabet}]{1,${idLengthMax}}$`);
  for (const name of ['id', 'aid'] as const) {
    const value = params[name];
    if (value !== undefined && (typeof value !== 'string' || !idPattern.test(value))) {
      return fail(domainError('VALIDATION_FAILED', `params.${name} must be 1..${idLengthMax} of ${idAlphabet}`, { field: `params.${name}` }));
    }
  }
  return ok({ ...headers.value, warehouse: params.id as string, ...(typeof params.aid === 'string' ? { aid: params.aid } : {}) });
}

function signedHeadersOf(headers: IncomingHttpHeaders, idLengthMax: number): Result<{ tenant: string; signature: string }> {
  const one = (name: string): string | undefined => { const v = headers[name]; return typeof v === 'string' ? v : undefined; };
  const bad = (name: string, what: string): Result<never> =>
    fail(domainError('SIGNATURE_INVALID', `${name} is missing or is not ${what}`, { field: `headers.${name.toLowerCase()}` }));
  const tenant = one('pallet-tenant');
  if (tenant === undefined || !new RegExp(`^[A-Za-z0-9_-]{1,${idLengthMax}}$`).test(tenant)) return bad('Pallet-Tenant', 'a tenant id');
  const signature = one('pallet-signature');
  if (signature === undefined || signature.length === 0) return bad('Pallet-Signature', 't=<unix seconds>,v1=<hex HMAC-SHA256>');
  return ok({ tenant, signature });
}

const fieldErrorsMax = 20;

function noPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') throw new SyntaxError(`the key ${JSON.stringify(key)} is not allowed`);
  return value;
}

/** The signed raw body parsed strictly (no duplicate keys, storable text) and checked; an empty body is `{}`. */
function parseSigned<T extends TSchema>(raw: Buffer, check: TypeCheck<T>): Result<Static<T>, Problem> {
  const text = raw.length === 0 ? '{}' : raw.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text, noPrototypeKeys);
  } catch (err) {
    return fail({ code: 'INVALID_JSON', detail: `body is not acceptable JSON: ${(err as Error).message}`, field: 'body' });
  }
  const duplicate = duplicateKeyPath(text);
  if (duplicate !== null) return fail({ code: 'DUPLICATE_KEY', detail: `body${duplicate} is given more than once`, field: `body${duplicate}` });
  const unstorable = unstorableTextIn(value);
  if (unstorable !== null) {
    const field = `body${unstorable.path}`;
    return fail({ code: 'VALIDATION_FAILED', detail: `${field} ${unstorable.reason}`, field, errors: [{ field, reason: unstorable.reason }] });
  }
  if (check.Check(value)) return ok(value);
  const errors: { field: string; reason: string }[] = [];
  for (const e of check.Errors(value)) {
    if (errors.length >= fieldErrorsMax) break;
    const field = `body${e.path.replace(/\//g, '.')}`;
    if (!errors.some((x) => x.field === field)) errors.push({ field, reason: `is invalid (${e.message})` });
  }
  const first = errors[0] ?? { field: 'body', reason: 'is invalid' };
  return fail({ code: 'VALIDATION_FAILED', detail: `${first.field} ${first.reason}`, field: first.field, errors });
}
