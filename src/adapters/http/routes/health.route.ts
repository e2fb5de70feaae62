// Liveness and readiness.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../deps.ts';
import { sendProblem } from '../problem.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks = await deps.ready();
    if (Object.values(checks).every(Boolean)) return reply.send({ status: 'ready', checks });
    const down = Object.entries(checks).filter(([, up]) => !up).map(([name]) => name);
    return sendProblem(reply, { code: 'UNAVAILABLE', detail: `not reachable: ${down.join(', ')}`, checks });
  });
};
