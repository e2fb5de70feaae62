// SLA routes (issue 12): the tenant's stage deadlines, its notifiers, and the
// alerts the timers raised with their delivery state.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { slaStages, stageSecondsMax } from '../../../core/sla.rules.ts';
import { notifierTypes, type Alert, type NotifierInfo } from '../../../app/notifier.port.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError } from '../problem.ts';

const Seconds = Type.Integer({ minimum: 0, maximum: stageSecondsMax, description: 'seconds; 0: no timer for this stage' });
const Stages = Type.Object({
  paidToReleasedSeconds: Seconds, releasedToAcceptedSeconds: Seconds, acceptedToShippedSeconds: Seconds,
}, { additionalProperties: false });
const SlaBody = Type.Object({ stages: Stages }, { additionalProperties: false });

const Smtp = Type.Object({
  host: Type.String({ minLength: 1, maxLength: 255 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  secure: Type.Boolean({ description: 'TLS from the first byte (port 465); false: STARTTLS when offered' }),
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  from: Type.String({ minLength: 3, maxLength: 320 }),
  to: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), { minItems: 1, maxItems: 20 }),
}, { additionalProperties: false });

const NotifierBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
  type: Type.Union(notifierTypes.map((t) => Type.Literal(t))),
  url: Type.Optional(Type.String({ minLength: 8, maxLength: 2048 })),
  smtp: Type.Optional(Smtp),
  secret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
}, { additionalProperties: false });

const Notifier = Type.Object({
  id: Type.String(), type: Type.String(), url: Type.Union([Type.String(), Type.Null()]),
  smtp: Type.Union([Type.Object({ host: Type.String(), port: Type.Integer(), secure: Type.Boolean(), user: Type.Optional(Type.String()), from: Type.String(), to: Type.Array(Type.String()) }), Type.Null()]),
  hasSecret: Type.Boolean(), position: Type.Integer({ description: '0: level-1 alerts go here; 1: escalations' }), createdAt: Type.String(),
});

const AlertSchema = Type.Object({
  id: Type.String(), orderId: Type.String(), stage: Type.Union(slaStages.map((s) => Type.Literal(s))), level: Type.Integer(),
  notifierId: Type.Union([Type.String(), Type.Null()]), state: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
  attempts: Type.Integer(), lastError: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.String(), createdAt: Type.String(), sentAt: Type.Union([Type.String(), Type.Null()]),
});

const notifierView = (n: NotifierInfo) => ({
  id: n.id, type: n.type, url: n.url, smtp: n.smtp === null ? null : { ...n.smtp, to: [...n.smtp.to] }, hasSecret: n.hasSecret,
  position: n.position, createdAt: n.createdAt.toISOString(),
});

const alertView = (a: Alert) => ({
  id: a.id, orderId: a.orderId, stage: a.stage, level: a.level, notifierId: a.notifierId, state: a.state, attempts: a.attempts,
  lastError: a.lastError, dueAt: new Date(a.dueAtMs).toISOString(), createdAt: new Date(a.createdAtMs).toISOString(),
  sentAt: a.sentAtMs === null ? null : new Date(a.sentAtMs).toISOString(),
});

export const slaRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, sla } = deps;
  const admin = requireAccess(auth, { scopes: ['admin'] });
  const reader = requireAccess(auth, { scopes: ['read', 'ops', 'admin'] });

  app.get('/v1/sla', {
    onRequest: reader,
    schema: { summary: "The tenant's SLA: seconds per fulfilment stage", tags: ['sla'], response: { 200: SlaBody } },
  }, async (request, reply) => reply.send({ stages: await sla.policy(tenantOf(request)) }));

  app.put('/v1/sla', {
    onRequest: admin,
    schema: {
      summary: "Replace the tenant's SLA", tags: ['sla'], body: SlaBody, response: { 200: SlaBody },
      description: 'Deadlines per stage: paid → released, released → accepted by the warehouse, accepted → shipped. '
        + 'An overdue order raises an alert to the first notifier, and to the second when still overdue one more period later. '
        + 'Applies to deadlines armed from now on.',
    },
  }, async (request, reply) => {
    const set = await sla.setPolicy(tenantOf(request), request.body.stages);
    return set.ok ? reply.send({ stages: set.value }) : sendDomainError(reply, set.error);
  });

  app.get('/v1/notifiers', {
    onRequest: admin,
    schema: { summary: "The tenant's notifiers (never their secrets)", tags: ['sla'], response: { 200: Type.Object({ notifiers: Type.Array(Notifier) }) } },
  }, async (request, reply) => reply.send({ notifiers: (await sla.notifiers(tenantOf(request))).map(notifierView) }));

  app.post('/v1/notifiers', {
    onRequest: admin,
    schema: {
      summary: 'Add a notifier', tags: ['sla'], body: NotifierBody, response: { 201: Notifier },
      description: 'wecom, dingtalk, feishu, webhook: url (dingtalk, feishu, webhook also their signing secret); email: smtp '
        + '(secret = the SMTP password). The first notifier added gets level-1 alerts, the second the escalations.',
    },
  }, async (request, reply) => {
    const b = request.body;
    const added = await sla.addNotifier(tenantOf(request), {
      id: b.id, type: b.type, ...(b.url === undefined ? {} : { url: b.url }), ...(b.smtp === undefined ? {} : { smtp: b.smtp }),
      ...(b.secret === undefined ? {} : { secret: b.secret }),
    });
    return added.ok ? reply.code(201).send(notifierView(added.value)) : sendDomainError(reply, added.error);
  });

  app.get('/v1/alerts', {
    onRequest: reader,
    schema: {
      summary: 'SLA alerts, newest first, with their delivery state', tags: ['sla'],
      querystring: Type.Object({
        cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })),
        limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|200)$', description: 'items per page, 1..200 (default 50)' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ alerts: Type.Array(AlertSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const page = await sla.alerts(tenantOf(request), q.cursor ?? null, q.limit === undefined ? 50 : Number(q.limit));
    return page.ok ? reply.send({ alerts: page.value.alerts.map(alertView), nextCursor: page.value.nextCursor }) : sendDomainError(reply, page.error);
  });
};
