// Refusals that Fastify or Node's HTTP parser make before any route runs
// (bad URL encoding, a path segment over maxParamLength, 404, 413, invalid
// JSON, 415, headers too large, bytes that are not HTTP) answer like ours:
// application/problem+json with a stable code and the exchange's requestId,
// which the x-request-id response header repeats. And the media type rule:
// JSON with no charset or charset=utf-8 only.

import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHarness, expectProblem, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;
let t: TenantFixture;
let port: number;

beforeAll(async () => {
  h = await createHttpHarness();
  t = await h.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }] });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await h?.close();
});

/** A problem+json answer whose requestId is the x-request-id header of the response. */
function expectTracedProblem(r: Reply, status: number, code: string): void {
  expectProblem(r, status, code);
  expect(r.body.requestId, r.text).toEqual(expect.any(String));
  expect(r.headers['x-request-id']).toBe(r.body.requestId);
}

/** Writes `bytes` on a new connection and reads the answer until the server closes it. */
function raw(bytes: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (err) => (chunks.length > 0 ? undefined : reject(err)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let parsed: unknown;
      try { parsed = JSON.parse(body); } catch { parsed = undefined; }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text, body: parsed });
    });
    socket.write(bytes);
  });
}

describe("Fastify's own refusals are problems with a requestId", () => {
  it('a URL that is not valid percent-encoding: 400 INVALID_URL', async () => {
    expectTracedProblem(await h.call({ method: 'GET', url: '/v1/skus/%E0%A4%A', key: t.keys.read }), 400, 'INVALID_URL');
  });

  it('a path segment over maxParamLength: 414 URL_TOO_LONG', async () => {
    expectTracedProblem(await h.call({ method: 'GET', url: `/v1/skus/${'a'.repeat(300)}`, key: t.keys.read }), 414, 'URL_TOO_LONG');
  });

  it('no such route: 404 NOT_FOUND, with the caller x-request-id when valid', async () => {
    const r = await h.call({ method: 'GET', url: '/v1/nope', headers: { 'x-request-id': 'trace-123' } });
    expectTracedProblem(r, 404, 'NOT_FOUND');
    expect(r.body.requestId).toBe('trace-123');
  });

  it('a body over the limit: 413 BODY_TOO_LARGE', async () => {
    const payload = JSON.stringify({ name: 'x'.repeat(h.config.limits.bodyBytesMax) });
    expectTracedProblem(await h.call({ method: 'PUT', url: '/v1/skus/B', key: t.keys.admin, payload, headers: { 'content-type': 'application/json' } }), 413, 'BODY_TOO_LARGE');
  });

  it('a body that is not JSON: 400 INVALID_JSON', async () => {
    expectTracedProblem(await h.call({ method: 'PUT', url: '/v1/skus/B', key: t.keys.admin, payload: '{"name":', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
  });

  it('headers over the size limit (real connection): 431 HEADERS_TOO_LARGE', async () => {
    const r = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectTracedProblem(r, 431, 'HEADERS_TOO_LARGE');
  });

  it('bytes that are not HTTP (real connection): 400 BAD_REQUEST', async () => {
    const r = await raw('HELLO /healthz SMTP/9\r\n\r\n');
    expectTracedProblem(r, 400, 'BAD_REQUEST');
  });

  it('a normal request on the same listener still answers', async () => {
    const r = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(r.status).toBe(200);
  });
});

describe('JSON bodies are application/json with no charset or charset=utf-8', () => {
  const putSku = (sku: string, contentType: string) =>
    h.call({ method: 'PUT', url: `/v1/skus/${sku}`, key: t.keys.admin, payload: '{"name":"x"}', headers: { 'content-type': contentType } });

  it.each([
    'application/json; charset=utf-16', 'application/json;charset=UTF-16LE', 'application/json; charset=iso-8859-1',
    'application/json; charset=utf-8; foo=bar', 'application/json; foo=bar', 'application/json-patch+json', 'text/json', 'text/plain',
  ])('%s: 415 UNSUPPORTED_MEDIA_TYPE naming the header, nothing stored', async (contentType) => {
    const r = await putSku('C415', contentType);
    expectTracedProblem(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(r.body.field).toBe('headers.content-type');
    expect((await h.call({ method: 'GET', url: '/v1/skus/C415', key: t.keys.read })).status).toBe(404);
  });

  it.each([
    ['application/json', 'J1'], ['application/json; charset=utf-8', 'J2'], ['application/json;charset=UTF-8', 'J3'],
    ['Application/JSON; Charset="utf-8"', 'J4'],
  ])('%s is accepted', async (contentType, sku) => {
    expect((await putSku(sku, contentType)).status).toBe(201);
  });
});
