// Dashboard tokens: a caller holding a read (or admin) key gets a short-lived
// signed token to open the dashboard WebSocket with (`?token=`), so the key
// itself stays out of URLs and browser history. See docs/dashboard-protocol.md.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AuthService } from '../../../app/auth.service.ts';
import { dashboardTokenTtlSecondsMin, type DashboardTokens } from '../../../app/dashboard.token.ts';
import { requireAccess } from '../auth.hook.ts';

export interface DashboardTokenRouteDeps {
  readonly auth: AuthService;
  readonly dashboardTokens: DashboardTokens;
}

export const dashboardTokenRoutes: FastifyPluginAsyncTypebox<DashboardTokenRouteDeps> = async (app, deps) => {
  const { auth, dashboardTokens: tokens } = deps;
  const reader = requireAccess(auth, { scopes: ['read', 'admin'] });
  const { ttlSecondsDefault, ttlSecondsMax } = tokens.opts;
  const Body = Type.Object({
    ttlSeconds: Type.Optional(Type.Integer({
      minimum: dashboardTokenTtlSecondsMin, maximum: ttlSecondsMax,
      description: `token lifetime, ${dashboardTokenTtlSecondsMin}..${ttlSecondsMax} s (default ${ttlSecondsDefault})`,
    })),
  }, { additionalProperties: false });
  const Reply = Type.Object({
    token: Type.String({ description: 'pass as ?token= when opening the dashboard WebSocket' }),
    expiresAt: Type.String({ description: 'ISO 8601; connect before then (an open connection is not cut at expiry, only when its key is revoked)' }),
    tenant: Type.String(),
  });

  app.post('/v1/dashboard/tokens', {
    onRequest: reader,
    // No body at all means the defaults, like {}.
    preValidation: async (request) => {
      if (request.body === undefined || request.body === null) request.body = {};
    },
    schema: {
      summary: 'Issue a short-lived token for the live dashboard WebSocket (read or admin key)',
      tags: ['dashboard'],
      body: Body,
      response: { 201: Reply },
    },
  }, async (request, reply) => {
    const p = request.principal;
    if (p === null || p.kind !== 'tenant') throw new Error('dashboard token route reached without a tenant key');
    const tenant = p.tenantId;
    // The key id goes into the token: revoking the key closes the dashboards opened with it.
    const issued = tokens.issue(tenant, p.keyId, request.body.ttlSeconds ?? ttlSecondsDefault);
    return reply.code(201).send({ token: issued.token, expiresAt: new Date(issued.expiresAtMs).toISOString(), tenant });
  });
};
