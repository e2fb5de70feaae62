// Request ids and the one structured log line per completed request
// (PALLET_LOG_REQUESTS). Fastify's own two lines per request (incoming,
// completed) stay off: they cost throughput and carry no route or tenant.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Read from the request when valid, always sent back on the response. */
export const requestIdHeader = 'x-request-id';
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: the caller's x-request-id when it is 1–128 chars of [A-Za-z0-9._:-], else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[requestIdHeader];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}

/**
 * Fastify's internal log lines without the two per request. Its error paths
 * (a response stream that failed, a serializer or writeHead error) still log,
 * with the error; errors the error handler sees are logged there (problem.ts).
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, _request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ err: error, status: reply.statusCode }, 'response failed');
  }
}

const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};

/** onResponse: one line with the request id (the logger's `reqId`), route, path, status, time and tenant. */
export async function logRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const p = request.principal;
  const line = {
    method: request.method,
    route: request.routeOptions.url ?? null,
    path: pathOf(request.url),
    status: reply.statusCode,
    responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
    ...(p !== null && p.kind === 'tenant' ? { tenant: p.tenantId } : {}),
  };
  if (reply.statusCode >= 500) reply.log.error(line, 'request');
  else reply.log.info(line, 'request');
}
