// Request ids (x-request-id) and the one structured log line per request (PALLET_LOG_REQUESTS).

import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.ts';
import type { HttpDeps } from '../../src/adapters/http/deps.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

type Line = Record<string, unknown>;

let h: HttpHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await createHttpHarness();
  t = await h.tenant({ warehouses: [{ id: 'w1' }] });
});

afterAll(async () => {
  await h?.close();
});

/** An app like the server's, logging at info into memory; `logRequests` as given. */
async function loggedApp(logRequests: boolean, changes: Partial<HttpDeps> = {}): Promise<{ app: FastifyInstance; lines: Line[] }> {
  const lines: Line[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
  const app = await buildApp({ ...h.rt.deps, config: { ...h.config, logRequests }, logger, ...changes });
  return { app, lines };
}

/** onResponse runs when the response has finished, which may be just after inject() resolves. */
async function settled(lines: Line[], count: number): Promise<Line[]> {
  for (let i = 0; i < 500 && lines.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 20));
  return lines;
}

const requestLines = (lines: Line[]): Line[] => lines.filter((l) => l.msg === 'request');

describe('request ids', () => {
  it('echoes a valid incoming x-request-id in the response header', async () => {
    const r = await h.call({ method: 'GET', url: '/v1/warehouses', key: t.keys.read, headers: { 'x-request-id': 'shop-1:abc_2.3-x' } });
    expect(r.status).toBe(200);
    expect(r.headers['x-request-id']).toBe('shop-1:abc_2.3-x');
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['a space', 'two words'],
    ['a slash', 'a/b'],
    ['non-ASCII', 'idé'],
  ])('replaces an x-request-id with %s by a generated one, also named in problem bodies', async (_what, bad) => {
    const r = await h.call({ method: 'GET', url: '/v1/warehouses', headers: { 'x-request-id': bad } });
    expect(r.status).toBe(401);
    const id = r.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.requestId).toBe(id);
  });

  it('generates a different id per request when none is given', async () => {
    const a = await h.call({ method: 'GET', url: '/healthz' });
    const b = await h.call({ method: 'GET', url: '/healthz' });
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });
});

describe('request log', () => {
  it('logs one line per request with id, method, route, path, status, time and tenant', async () => {
    const { app, lines } = await loggedApp(true);
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/warehouses?x=1', headers: { authorization: `Bearer ${t.keys.read}`, 'x-request-id': 'req-42' } });
      expect(res.statusCode).toBe(200);
      await settled(lines, 1);
      expect(requestLines(lines)).toEqual([expect.objectContaining({
        level: 30, reqId: 'req-42', method: 'GET', route: '/v1/warehouses', path: '/v1/warehouses', status: 200,
        responseTimeMs: expect.any(Number), tenant: t.id,
      })]);
      // Fastify's own per-request lines stay off.
      expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('logs unauthenticated and unmatched requests without a tenant', async () => {
    const { app, lines } = await loggedApp(true);
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/nowhere' });
      expect(res.statusCode).toBe(404);
      const [line] = requestLines(await settled(lines, 1));
      expect(line).toMatchObject({ reqId: res.headers['x-request-id'], method: 'GET', route: null, path: '/v1/nowhere', status: 404 });
      expect(line).not.toHaveProperty('tenant');
    } finally {
      await app.close();
    }
  });

  it('logs a 5xx with its error and the request line at error level', async () => {
    const { app, lines } = await loggedApp(true, { ready: async () => { throw new Error('readiness probe exploded'); } });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL', requestId: res.headers['x-request-id'] });
      await settled(lines, 2);
      const reqId = res.headers['x-request-id'];
      expect(lines).toContainEqual(expect.objectContaining({ level: 50, reqId, err: expect.objectContaining({ message: 'readiness probe exploded' }) }));
      expect(requestLines(lines)).toEqual([expect.objectContaining({ level: 50, reqId, route: '/readyz', status: 500 })]);
    } finally {
      await app.close();
    }
  });

  it('logs no request line with logRequests off, but still echoes the id and logs errors', async () => {
    const { app, lines } = await loggedApp(false, { ready: async () => { throw new Error('still logged'); } });
    try {
      const ok = await app.inject({ method: 'GET', url: '/v1/warehouses', headers: { authorization: `Bearer ${t.keys.read}`, 'x-request-id': 'quiet-1' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-request-id']).toBe('quiet-1');
      const failed = await app.inject({ method: 'GET', url: '/readyz' });
      expect(failed.statusCode).toBe(500);
      await settled(lines, 1);
      expect(requestLines(lines)).toEqual([]);
      expect(lines).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ message: 'still logged' }) })]);
    } finally {
      await app.close();
    }
  });
});
