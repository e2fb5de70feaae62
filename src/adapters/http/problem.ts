// Errors as application/problem+json (RFC 9457) with a stable `code` and the
// exchange's requestId: ours, Fastify's (error handler, frameworkErrors) and
// Node's HTTP parser's (clientErrorHandler) alike.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError } from '../../core/errors.ts';
import { requestIdHeader } from './request-log.hook.ts';
import { statusOf, type ProblemCode } from './status.ts';

export interface Problem {
  readonly code: ProblemCode;
  readonly detail: string;
  readonly [extra: string]: unknown;
}

const titleOf = (code: ProblemCode): string => code.toLowerCase().replace(/_/g, ' ');

/** The problem body. Extras never override the RFC 9457 members (a domain error's `status: 'expired'` once replaced the HTTP status). */
function problemBody(p: Problem, requestId: string): { status: number; text: string } {
  const status = statusOf(p.code);
  const { code, detail, ...extra } = p;
  // requestId: the x-request-id of the exchange, to find its log line.
  const body = { ...extra, type: `https://pallet.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: titleOf(code), status, code, detail, requestId };
  return { status, text: JSON.stringify(body) };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  const { status, text } = problemBody(p, reply.request.id);
  if (p.code === 'OVERLOADED' || p.code === 'UNAVAILABLE') void reply.header('retry-after', '1');
  return reply.code(status).type('application/problem+json').send(text);
}

/**
 * Fastify `frameworkErrors`: errors met while routing, before any hook runs
 * (a URL that is not valid percent-encoding, a path parameter over
 * maxParamLength), so the onRequest hook that sets x-request-id did not run.
 */
export function frameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.header(requestIdHeader, request.id);
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return sendProblem(reply, { code: 'INVALID_URL', detail: 'the URL path is not valid percent-encoding', field: 'url' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendProblem(reply, { code: 'URL_TOO_LONG', detail: 'a path segment is longer than allowed', field: 'url' });
    default:
      request.log.error({ err }, 'framework error');
      return sendProblem(reply, { code: 'INTERNAL', detail: 'internal error; see the server log' });
  }
}

/** What Node's HTTP parser refused, as a problem code: headers too large, too slow, or not HTTP. */
function clientProblem(err: NodeJS.ErrnoException): Problem {
  if (err.code === 'HPE_HEADER_OVERFLOW') return { code: 'HEADERS_TOO_LARGE', detail: 'the request headers are larger than the server accepts', field: 'headers' };
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { code: 'REQUEST_TIMEOUT', detail: 'the request did not arrive in time' };
  return { code: 'BAD_REQUEST', detail: 'the request is not valid HTTP/1.1' };
}

/**
 * Fastify `clientErrorHandler`: the connection's request could not be parsed,
 * so there is no request object; the answer is written on the socket, with a
 * new request id, and the connection closed (as Node and Fastify do).
 */
export function clientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const requestId = randomUUID();
    const { status, text } = problemBody(clientProblem(err), requestId);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/problem+json\r\n`
      + `Content-Length: ${Buffer.byteLength(text)}\r\n${requestIdHeader}: ${requestId}\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(err);
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
      return sendProblem(reply, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'content-type must be application/json, with no charset or charset=utf-8', field: 'headers.content-type' });
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
