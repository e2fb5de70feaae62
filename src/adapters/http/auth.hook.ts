// Authentication and scope checks, as an onRequest hook per route (before the body is parsed).
// Failed authentications are rate-limited per client address (request.ip: the socket peer, or the
// client a trusted proxy names, PALLET_TRUST_PROXY): 429 AUTH_RATE_LIMITED with Retry-After.
// A `channel` key (a connector's key for one shop) passes only routes that name a channel
// parameter (Access.channelParam), and only for its own channel; the decision is made here,
// once, so no handler has to remember it.
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Scope } from '../../app/catalog.port.ts';
import type { AuthService, Principal } from '../../app/auth.service.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Who may call a route: the operator key (when `operator`), a tenant key holding one of `scopes`,
 * or (when `channelParam` names the route's path parameter holding a channel id) a `channel` key
 * bound to that very channel.
 */
export interface Access {
  readonly operator?: boolean;
  readonly scopes?: readonly Scope[];
  readonly channelParam?: string;
}

/** The channel id in the route's path parameter `name` (params are set by routing, before any hook). */
function channelIn(request: FastifyRequest, name: string): string | undefined {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function admits(principal: Principal, access: Access, request: FastifyRequest): boolean {
  if (principal.kind === 'operator') return access.operator === true;
  if ((access.scopes ?? []).some((s) => principal.scopes.has(s))) return true;
  return access.channelParam !== undefined && principal.channel !== undefined && principal.scopes.has('channel')
    && channelIn(request, access.channelParam) === principal.channel;
}

/** The 403 detail: what the route needs and, for a channel key, the one channel it serves (also as `keyChannel`). */
function refusal(principal: Principal, access: Access, request: FastifyRequest): { detail: string; keyChannel?: string } {
  const scopes = access.scopes ?? [];
  const wanted = access.channelParam === undefined ? undefined : channelIn(request, access.channelParam);
  const needs = [
    ...(access.operator === true ? ['the operator key (PALLET_ADMIN_KEY)'] : []),
    ...(scopes.length > 0 ? [`a tenant key with scope ${scopes.join(' or ')}`] : []),
    // Routing has not validated the parameter yet: echo at most a bounded slice of it.
    ...(wanted !== undefined ? [`a key with scope channel for channel ${wanted.slice(0, 80)}`] : []),
  ];
  const detail = `this route needs ${needs.join(' or ')}`;
  const bound = principal.kind === 'tenant' ? principal.channel : undefined;
  if (bound === undefined) return { detail };
  return { detail: `${detail}; this key has scope channel and serves only channel ${bound} (its imports and dead letters)`, keyChannel: bound };
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
    if (admits(principal, access, request)) return;
    return sendProblem(reply, { code: 'FORBIDDEN', ...refusal(principal, access, request) });
  };
}

/** The tenant of the authenticated tenant key (routes with scope access only). */
export function tenantOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p === null || p.kind !== 'tenant') throw new Error('tenantOf called on a route without tenant access');
  return p.tenantId;
}
