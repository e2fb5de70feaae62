// Payment callbacks from providers (signed, no API key), and the tenant's
// callback secret. The callback route lives in its own encapsulated plugin
// whose JSON parser keeps the raw bytes: the signature covers exactly the
// bytes sent, so the body is parsed and validated only after it verifies.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { domainError, fail, ok, type DomainError, type Result } from '../../../core/errors.ts';
import { duplicateKeyPath } from '../../../core/json.strict.ts';
import { unstorableTextIn } from '../../../core/text.rules.ts';
import type { AuthService } from '../../../app/auth.service.ts';
import { paymentStatuses, type PaymentCallback } from '../../../app/payment.port.ts';
import type { PaymentService } from '../../../app/payment.service.ts';
import type { Config, Limits } from '../../../config.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import { requireAccess } from '../auth.hook.ts';
import { sendDomainError, sendProblem, type Problem } from '../problem.ts';
import { idAlphabet, type Schemas } from '../schemas.ts';

export interface PaymentRouteDeps {
  readonly config: Config;
  readonly auth: AuthService;
  readonly payments: PaymentService;
  readonly metrics: Metrics;
  readonly schemas: Schemas;
}

export const paymentRoutes: FastifyPluginAsyncTypebox<PaymentRouteDeps> = async (app, deps) => {
  await app.register(callbackRoutes, deps);
  await app.register(secretRoutes, deps);
};

export function callbackBodySchema(limits: Limits) {
  const Id = (description: string) => Type.String({ pattern: `^[${idAlphabet}]{1,${limits.idLengthMax}}$`, description });
  return Type.Object({
    reservationId: Id('the reservation the payment is for'),
    paymentId: Id("the provider's payment id"),
    amount: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'integer minor units (cents, fen), ≥ 0' }),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code such as CNY' })),
    status: Type.Union(paymentStatuses.map((s) => Type.Literal(s)), { description: paymentStatuses.join(', ') }),
  }, { additionalProperties: false });
}

const callbackDescription = `A payment provider reports a payment. No API key: the request is signed.
Headers: \`Pallet-Tenant: <tenant id>\`, \`Pallet-Delivery-Id: <the provider's delivery id, 1..128 printable characters>\`,
\`Pallet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the tenant's payment secret>\`.
Body: \`{reservationId, paymentId, amount (integer minor units), currency?, status: succeeded|failed|pending}\`, no other fields.
202 only once the payment.received event is durable in the event log. 401 \`SIGNATURE_INVALID\` / \`SIGNATURE_EXPIRED\`,
409 \`CALLBACK_REPLAYED\` (this delivery id was accepted before), 503 + Retry-After when the log is slow or too many callbacks wait: retry.`;

const callbackRoutes: FastifyPluginAsyncTypebox<PaymentRouteDeps> = async (app, deps) => {
  const { payments, metrics, config } = deps;
  // Encapsulated: only this plugin's routes get the raw body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const check = TypeCompiler.Compile(callbackBodySchema(config.limits));
  const count = (outcome: string) => metrics.paymentCallbacks.inc({ outcome });

  const headersOf = (request: FastifyRequest) => callbackHeaders(request.headers, config.limits.idLengthMax);

  app.post('/v1/payments/callbacks', {
    // The signature needs the body, but its headers are checked before the body is read, like an API key.
    onRequest: async (request, reply) => {
      const h = headersOf(request);
      if (h.ok) return undefined;
      count('unauthenticated');
      return sendDomainError(reply, h.error);
    },
    schema: {
      summary: 'Payment callback from a provider (signed)', description: callbackDescription, tags: ['payments'], security: [],
      response: { 202: Type.Object({ accepted: Type.Boolean(), eventId: Type.String() }) },
    },
  }, async (request, reply) => {
    const h = headersOf(request);
    if (!h.ok) return sendDomainError(reply, h.error); // checked in onRequest already
    const { tenant, deliveryId, signature } = h.value;
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const verified = await payments.verify(tenant, signature, raw);
      if (!verified.ok) {
        count(verified.error.code === 'SIGNATURE_EXPIRED' ? 'expired' : 'unauthenticated');
        return sendDomainError(reply, verified.error);
      }
      const body = parseCallback(raw, check);
      if (!body.ok) {
        count('invalid');
        return sendProblem(reply, body.error);
      }
      const accepted = await payments.accept(tenant, deliveryId, body.value);
      if (!accepted.ok) {
        count(accepted.error.code === 'CALLBACK_REPLAYED' ? 'replayed' : 'unavailable');
        return sendDomainError(reply, accepted.error);
      }
      count(accepted.value.duplicate ? 'duplicate' : 'accepted');
      return reply.code(202).send({ accepted: true, eventId: accepted.value.eventId });
    } catch (err) {
      // e.g. PostgreSQL down while looking up the secret: the provider retries a 503.
      request.log.error({ err }, 'payment callback failed');
      count('unavailable');
      return sendProblem(reply, { code: 'OVERLOADED', detail: 'the payment callback cannot be processed now; retry later' });
    }
  });
};

interface CallbackHeaders { readonly tenant: string; readonly deliveryId: string; readonly signature: string }

const deliveryIdPattern = /^[\x21-\x7e]{1,128}$/;

/** The three callback headers; a missing or malformed one is SIGNATURE_INVALID naming it. */
export function callbackHeaders(headers: IncomingHttpHeaders, idLengthMax: number): Result<CallbackHeaders> {
  // A header sent twice arrives joined or as an array: either way it is not one valid value.
  const one = (name: string): string | undefined => { const v = headers[name]; return typeof v === 'string' ? v : undefined; };
  const bad = (name: string, what: string): Result<never> =>
    fail(domainError('SIGNATURE_INVALID', `${name} is missing or is not ${what}`, { field: `headers.${name.toLowerCase()}` }));
  const tenant = one('pallet-tenant');
  if (tenant === undefined || !new RegExp(`^[A-Za-z0-9_-]{1,${idLengthMax}}$`).test(tenant)) return bad('Pallet-Tenant', 'a tenant id');
  const signature = one('pallet-signature');
  if (signature === undefined || signature.length === 0) return bad('Pallet-Signature', 't=<unix seconds>,v1=<hex HMAC-SHA256>');
  const deliveryId = one('pallet-delivery-id');
  if (deliveryId === undefined || !deliveryIdPattern.test(deliveryId)) return bad('Pallet-Delivery-Id', '1..128 printable characters without spaces');
  return ok({ tenant, deliveryId, signature });
}

const fieldErrorsMax = 20;

/** Keys that would reach an object's prototype; refused like the app's own parser does. */
function noPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') throw new SyntaxError(`the key ${JSON.stringify(key)} is not allowed`);
  return value;
}

type CallbackCheck = TypeCheck<ReturnType<typeof callbackBodySchema>>;

/**
 * JSON.parse + strict checks + schema check of the raw (signed) body; the
 * problem names each bad field. A key given twice is refused (DUPLICATE_KEY):
 * JSON.parse would keep the last, another reader of the signed bytes the first.
 */
export function parseCallback(raw: Buffer, check: CallbackCheck): Result<PaymentCallback, Problem> {
  if (raw.length === 0) return fail({ code: 'VALIDATION_FAILED', detail: 'body must not be empty', field: 'body' });
  const text = raw.toString('utf8');
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
  const seen = new Set<string>();
  for (const e of check.Errors(value)) {
    if (errors.length >= fieldErrorsMax) break;
    const field = `body${e.path.replace(/\//g, '.')}`;
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, reason: reasonOf(e.type, e.message, e.schema.description) });
  }
  const first = errors[0] ?? { field: 'body', reason: 'is invalid' };
  return fail({ code: 'VALIDATION_FAILED', detail: `${first.field} ${first.reason}`, field: first.field, errors });
}

function reasonOf(type: ValueErrorType, message: string, description: unknown): string {
  if (type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  if (type === ValueErrorType.ObjectAdditionalProperties) return 'is not an allowed field';
  return typeof description === 'string' ? `is invalid (${message}; ${description})` : `is invalid (${message})`;
}

const secretRoutes: FastifyPluginAsyncTypebox<PaymentRouteDeps> = async (app, deps) => {
  const keyMaker = requireAccess(deps.auth, { operator: true, scopes: ['admin'] });
  app.post('/v1/tenants/:id/payment-secret', {
    onRequest: keyMaker,
    schema: {
      summary: "Create or rotate the tenant's payment callback secret; the secret is shown once", tags: ['tenants', 'payments'],
      params: Type.Object({ id: deps.schemas.TenantId }), response: { 201: Type.Object({ secret: Type.String() }) },
    },
  }, async (request, reply) => {
    const tenant = request.params.id;
    const p = request.principal;
    const notFound = (): DomainError => domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`);
    if (p?.kind === 'tenant' && p.tenantId !== tenant) return sendDomainError(reply, notFound());
    const rotated = await deps.payments.rotateSecret(tenant);
    if (!rotated.ok) return sendDomainError(reply, rotated.error);
    return reply.code(201).header('cache-control', 'no-store').send({ secret: rotated.value });
  });
};
