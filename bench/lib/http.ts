// A small JSON client for setup calls (seeding), not for the measured load.

import { Pool } from 'undici';

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${call} → ${status}: ${JSON.stringify(body)?.slice(0, 500)}`);
    this.name = 'ApiError';
  }
}

export class JsonClient {
  private readonly pool: Pool;

  constructor(readonly origin: string, connections: number) {
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      connect: { timeout: 5_000 },
    });
  }

  async call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    key: string,
    body?: unknown,
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<JsonResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.pool.request({
      method,
      path,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.body.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // keep the raw text for the error message
    }
    return { status: res.statusCode, body: parsed };
  }

  /** Like call(), but anything outside `expected` is an ApiError. */
  async expect(
    expected: readonly number[],
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    key: string,
    body?: unknown,
    extraHeaders?: Readonly<Record<string, string>>,
  ): Promise<JsonResponse> {
    const res = await this.call(method, path, key, body, extraHeaders);
    if (!expected.includes(res.status)) throw new ApiError(`${method} ${path}`, res.status, res.body);
    return res;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; the first failure rejects. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
