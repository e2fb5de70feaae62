// The HTTP app factory: buildApp(deps) for tests (inject) and for the server.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { HttpDeps } from './deps.ts';
import { clientError, errorHandler, frameworkError, sendProblem } from './problem.ts';
import { guardInput } from './input.hook.ts';
import { logRequest, RequestLogController, requestIdHeader, requestIdOf } from './request-log.hook.ts';
import { buildSchemas } from './schemas.ts';
import { catalogRoutes } from './routes/catalog.route.ts';
import { healthRoutes } from './routes/health.route.ts';
import { HttpMetricChildren } from '../metrics/http-children.ts';
import { reservationRoutes } from './routes/reservations.route.ts';
import { stockRoutes } from './routes/stock.route.ts';
import { ledgerRoutes } from './routes/ledger.route.ts';
import { paymentRoutes } from './routes/payments.route.ts';
import { dashboardTokenRoutes } from './routes/dashboard-token.route.ts';
import { channelRoutes } from './routes/channels.route.ts';
import { orderRoutes } from './routes/orders.route.ts';
import { orderAddressRoutes } from './routes/order-address.route.ts';
import { importRoutes } from './routes/imports.route.ts';
import { warehouseWmsRoutes } from './routes/warehouse-wms.route.ts';
import { slaRoutes } from './routes/sla.route.ts';
import { wmsCallbackRoutes } from './routes/wms-callbacks.route.ts';
import { qimenRoutes } from './routes/qimen.route.ts';
import { qimenOpsRoutes } from './routes/qimen-ops.route.ts';
import { shipmentRoutes } from './routes/shipments.route.ts';
import { labelRoutes } from './routes/labels.route.ts';
import { writebackRoutes } from './routes/writeback.route.ts';

export async function buildApp(deps: HttpDeps): Promise<FastifyInstance> {
  const { limits } = deps.config;
  const app = Fastify({
    loggerInstance: deps.logger === false ? undefined : deps.logger,
    logger: deps.logger === false ? false : undefined,
    // Fastify's two lines per request are off; PALLET_LOG_REQUESTS logs one (onResponse below). Errors are still logged.
    logController: new RequestLogController(),
    genReqId: requestIdOf,
    requestIdHeader: false, // requestIdOf reads x-request-id itself, and only a valid one
    bodyLimit: limits.bodyBytesMax,
    requestTimeout: deps.config.requestTimeoutMs,
    connectionTimeout: deps.config.requestTimeoutMs,
    keepAliveTimeout: 72_000,
    routerOptions: { maxParamLength: 256 },
    // request.ip (the address failed authentications are limited by) believes X-Forwarded-For only from these proxies.
    trustProxy: deps.config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Fastify's and Node's own refusals (bad URL encoding, 431, not HTTP) as problem+json with a requestId too.
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Fastify parses text/plain by default; the API takes JSON only (415 otherwise).
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);
  // Callback-style hooks on every request (here, below and in input.hook.ts): no promise per hook.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(requestIdHeader, request.id);
    done();
  });
  if (deps.config.logRequests) app.addHook('onResponse', logRequest);
  app.setErrorHandler(errorHandler);
  guardInput(app); // before any route: media type, storable text, array bounds (input.hook.ts)
  app.setNotFoundHandler((request, reply) => sendProblem(reply, { code: 'NOT_FOUND', detail: `no route ${request.method} ${request.url.split('?')[0]}` }));

  await app.register(swagger, {
    openapi: {
      info: { title: 'Pallet API', version: '0.1.0', description: 'Realtime order and inventory core' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const httpMetrics = new HttpMetricChildren(deps.metrics);
  app.addHook('onResponse', (request, reply, done) => {
    httpMetrics.record(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  // No /metrics here: they name every tenant; serve() exports them on PALLET_METRICS_HOST:PORT (loopback by default).

  // The live board: static page; it learns where the WebSocket listens from config.json.
  app.get('/dashboard', { schema: { hide: true } }, (_request, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard/config.json', { schema: { hide: true } }, async () => ({ wsPort: deps.wsPort() }));
  await app.register(fastifyStatic, { root: fileURLToPath(new URL('../../../web/dashboard/', import.meta.url)), prefix: '/dashboard/', decorateReply: false });

  const routeDeps = { ...deps, schemas: buildSchemas(limits) };
  await app.register(healthRoutes, routeDeps);
  await app.register(catalogRoutes, routeDeps);
  await app.register(reservationRoutes, routeDeps);
  await app.register(stockRoutes, routeDeps);
  await app.register(ledgerRoutes, routeDeps);
  await app.register(paymentRoutes, routeDeps);
  await app.register(dashboardTokenRoutes, routeDeps);
  await app.register(channelRoutes, routeDeps);
  await app.register(orderRoutes, routeDeps);
  await app.register(orderAddressRoutes, routeDeps);
  await app.register(importRoutes, routeDeps);
  await app.register(warehouseWmsRoutes, routeDeps);
  await app.register(slaRoutes, routeDeps);
  await app.register(wmsCallbackRoutes, routeDeps);
  await app.register(qimenRoutes, routeDeps);
  await app.register(qimenOpsRoutes, routeDeps);
  await app.register(shipmentRoutes, routeDeps);
  await app.register(labelRoutes, routeDeps);
  await app.register(writebackRoutes, routeDeps);
  await app.ready();
  return app;
}
