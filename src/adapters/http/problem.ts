// Errors as application/problem+json (RFC 9457) with a stable `code`.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type DomainError } from '../../core/errors.ts';

/** HTTP-level codes that are not domain errors. */
const httpStatus = {
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ProblemCode = keyof typeof errorStatus | keyof typeof httpStatus;

export interface Problem {
  readonly code: ProblemCode;
  readonly detail: string;
  readonly [extra: string]: unknown;
}

const statusOf = (code: ProblemCode): number =>
  (errorStatus as Record<string, number>)[code] ?? (httpStatus as Record<string, number>)[code] ?? 500;

const titleOf = (code: ProblemCode): string => code.toLowerCase().replace(/_/g, ' ');

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  const status = statusOf(p.code);
  const { code, detail, ...extra } = p;
  // Extras never override the RFC 9457 members (a domain error's `status: 'expired'` once replaced the HTTP status).
  // requestId: the x-request-id of the exchange, to find its log line.
  const body = { ...extra, type: `https://pallet.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: titleOf(code), status, code, detail, requestId: reply.request.id };
  if (code === 'OVERLOADED' || code === 'UNAVAILABLE') void reply.header('retry-after', '1');
  return reply.code(status).type('application/problem+json').send(JSON.stringify(body));
}

export function sendDomainError(reply: FastifyReply, e: DomainError): FastifyReply {
  return sendProblem(reply, { ...(e.extra ?? {}), code: e.code, detail: e.detail });
}

interface FieldError { readonly field: string; readonly reason: string }

/** ajv runs with allErrors: without a cap, a 64 KiB body of `{}` lines answers with megabytes of errors. */
const fieldErrorsMax = 20;

/** Turns ajv errors into `body.lines[0].qty`-style field names with a reason (the first fieldErrorsMax). */
function fieldErrors(err: FastifyError): FieldError[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).slice(0, fieldErrorsMax).map((v) => {
    const params = v.params as Record<string, unknown>;
    let path = v.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
    if (typeof params.missingProperty === 'string') path += `.${params.missingProperty}`;
    if (typeof params.additionalProperty === 'string') {
      return { field: `${where}${path}.${params.additionalProperty}`, reason: 'is not an allowed field' };
    }
    return { field: `${where}${path}`, reason: v.message ?? 'is invalid' };
  });
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err.validation) {
    const errors = fieldErrors(err);
    const first = errors[0];
    return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: first ? `${first.field} ${first.reason}` : err.message, errors });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(reply, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'content-type must be application/json', field: 'headers.content-type' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(reply, { code: 'BODY_TOO_LARGE', detail: `the body is larger than the limit`, field: 'body' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: 'body must not be empty', field: 'body' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendProblem(reply, { code: 'INVALID_JSON', detail: `body is not valid JSON: ${err.message}`, field: 'body' });
    default:
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && /prototype|JSON/i.test(err.message))) {
    return sendProblem(reply, { code: 'INVALID_JSON', detail: `body is not acceptable JSON: ${err.message}`, field: 'body' });
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: err.message });
  }
  request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, { code: 'INTERNAL', detail: 'internal error; see the server log' });
}
