// Authentication and scope checks, as an onRequest hook per route (before the body is parsed).
// Failed authentications are rate-limited per client address (request.ip: the socket peer, or the
// client a trusted proxy names, PALLET_TRUST_PROXY): 429 AUTH_RATE_LIMITED with Retry-After.
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Scope } from '../../app/catalog.port.ts';
import type { AuthService, Principal } from '../../app/auth.service.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Who may call a route: the operator key (when `operator`), or a tenant key holding one of `scopes`. */
export interface Access {
  readonly operator?: boolean;
  readonly scopes?: readonly Scope[];
}

export function requireAccess(auth: AuthService, access: Access): onRequestAsyncHookHandler {
  return async function checkAccess(request: FastifyRequest, reply: FastifyReply) {
    const outcome = await auth.check(request.headers.authorization, request.ip);
    if (outcome.kind === 'limited') {
      return sendProblem(reply.header('retry-after', String(outcome.retryAfterSeconds)), {
        code: 'AUTH_RATE_LIMITED', detail: `too many failed authentications from this address; retry in ${outcome.retryAfterSeconds} s`,
      });
    }
    if (outcome.kind === 'unauthenticated') {
      return sendProblem(reply.header('www-authenticate', 'Bearer'), { code: 'UNAUTHENTICATED', detail: 'missing or unknown API key (Authorization: Bearer <key>)' });
    }
    const principal = outcome.principal;
    request.principal = principal;
    const scopes = access.scopes ?? [];
    if (principal.kind === 'operator' ? access.operator === true : scopes.some((s) => principal.scopes.has(s))) return;
    const needs = [...(access.operator === true ? ['the operator key (PALLET_ADMIN_KEY)'] : []), ...(scopes.length > 0 ? [`a tenant key with scope ${scopes.join(' or ')}`] : [])];
    return sendProblem(reply, { code: 'FORBIDDEN', detail: `this route needs ${needs.join(' or ')}` });
  };
}

/** The tenant of the authenticated tenant key (routes with scope access only). */
export function tenantOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p === null || p.kind !== 'tenant') throw new Error('tenantOf called on a route without tenant access');
  return p.tenantId;
}
