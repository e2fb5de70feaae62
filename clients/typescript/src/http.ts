// The transport under PalletClient: one fetch per call, with the API key, a
// timeout, JSON in and out, and every failure as a PalletError. No retries:
// a call that fails with `retryable` may be repeated by the caller with the
// same Idempotency-Key (PalletError.idempotencyKey).
import { clientProblem, PalletError, problemOf } from './errors.js';

export interface PalletClientOptions {
  /** Where the API listens, e.g. `https://pallet.example.com` (a path prefix is kept). */
  readonly baseUrl: string;
  /** A tenant API key (`Authorization: Bearer <key>`); checkout scope for reservations and submitting orders. */
  readonly apiKey: string;
  /** The fetch to use (default: the global fetch of Node ≥ 20 or the browser). */
  readonly fetch?: typeof fetch;
  /** Per call, from sending to the end of the body (default 10 000 ms). */
  readonly timeoutMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call (PalletError CLIENT_ABORTED). */
  readonly signal?: AbortSignal;
  /** Sent as x-request-id (1-128 of A-Za-z0-9._:-); the API logs it and repeats it in problems. */
  readonly requestId?: string;
  readonly timeoutMs?: number;
}

export interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path template of the OpenAPI document, e.g. `/v1/reservations/{id}`. */
  readonly path: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
}

export const timeoutMsDefault = 10_000;
const timeoutMsMax = 2_147_483_647; // setTimeout's limit

/** Fills `{name}` segments of a path template, each value percent-encoded; a missing or empty one is a programmer error. */
export function fillPath(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value.length === 0) throw new TypeError(`path parameter ${name} of ${template} must be a non-empty string`);
    return encodeURIComponent(value);
  });
}

function checkedTimeout(ms: number | undefined, what: string): number {
  if (ms === undefined) return timeoutMsDefault;
  if (!Number.isInteger(ms) || ms < 1 || ms > timeoutMsMax) throw new TypeError(`${what} must be an integer 1..${timeoutMsMax}`);
  return ms;
}

export class Transport {
  private readonly base: string;
  private readonly apiKey: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: PalletClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new TypeError(`baseUrl is not a URL: ${JSON.stringify(opts.baseUrl)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must be an http: or https: URL');
    if (typeof opts.apiKey !== 'string' || opts.apiKey.length === 0) throw new TypeError('apiKey must be a non-empty string');
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.apiKey = opts.apiKey;
    if (opts.fetch === undefined && typeof globalThis.fetch !== 'function') throw new TypeError('no global fetch: pass options.fetch');
    // Never called as this.fetchFn(…): a browser's fetch refuses any `this` but the window ("Illegal invocation").
    this.fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = checkedTimeout(opts.timeoutMs, 'timeoutMs');
  }

  /** The URL of a call. */
  url(call: Pick<Call, 'path' | 'params' | 'query'>): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) search.append(name, value);
    const text = search.toString();
    return `${this.base}${fillPath(call.path, call.params)}${text === '' ? '' : `?${text}`}`;
  }

  /** Sends the call; the parsed JSON of a 2xx answer, or a PalletError. */
  async send<T>(call: Call, opts: CallOptions = {}): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs === undefined ? this.timeoutMs : checkedTimeout(opts.timeoutMs, 'timeoutMs'));
    const signal = opts.signal === undefined ? timeout : AbortSignal.any([timeout, opts.signal]);
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json, application/problem+json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    if (opts.requestId !== undefined) headers['x-request-id'] = opts.requestId;
    const failure = (err: unknown): PalletError => {
      const [code, detail] = timeout.aborted
        ? ['CLIENT_TIMEOUT', `${call.method} ${call.path}: no complete answer within the timeout`] as const
        : opts.signal?.aborted === true
          ? ['CLIENT_ABORTED', `${call.method} ${call.path}: aborted by the caller`] as const
          : ['CLIENT_NETWORK', `${call.method} ${call.path}: ${err instanceof Error ? err.message : String(err)}`] as const;
      return new PalletError({ problem: clientProblem(code, detail), idempotencyKey: call.idempotencyKey, cause: err });
    };
    const url = this.url(call); // a missing path parameter is the caller's bug: a TypeError, not a PalletError
    const fetchFn = this.fetchFn;
    let res: Response;
    let text: string;
    try {
      res = await fetchFn(url, {
        method: call.method, headers, signal, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
      text = await res.text();
    } catch (err) {
      throw failure(err);
    }
    const body = parseJson(text, res.headers.get('content-type'));
    if (res.ok && body !== undefined) return body as T;
    // A 2xx without JSON (a proxy's page, say) is as unexpected as an error without a problem body.
    throw new PalletError({
      problem: problemOf(res.status, res.ok ? undefined : body, res.headers.get('x-request-id')),
      idempotencyKey: call.idempotencyKey, retryAfterSeconds: retryAfter(res.headers.get('retry-after')),
    });
  }
}

/** The body as JSON when the answer says it is JSON; undefined otherwise. */
function parseJson(text: string, contentType: string | null): unknown {
  if (contentType === null || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfter(header: string | null): number | undefined {
  return header !== null && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

/** A fresh Idempotency-Key (a random UUID; Web Crypto, in Node ≥ 20 and browsers). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
