// The HTTP exchange every write-back adapter shares: one request bounded by
// the target's timeout (connect, headers and body), no redirects followed,
// the answer read up to `responseBytesMax` (the rest cancelled). A timeout or
// a connection error is an answer too (`error`), for the role to retry.
import { createHash } from 'node:crypto';

export const responseBytesMax = 65_536;

export type HttpAnswer = { readonly status: number; readonly text: string } | { readonly error: string };

export async function exchange(url: string, init: { method: string; headers: Record<string, string>; body?: string }, timeoutMs: number): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal, redirect: 'manual', headers: { 'user-agent': 'pallet-writeback/1', ...init.headers } });
    return { status: res.status, text: await readBounded(res, responseBytesMax) };
  } catch (err) {
    if (signal.aborted) return { error: `no answer within ${timeoutMs} ms` };
    const e = err as Error & { cause?: { code?: string } };
    return { error: `${e.message}${e.cause?.code === undefined ? '' : ` (${e.cause.code})`}` };
  }
}

async function readBounded(res: Response, max: number): Promise<string> {
  if (res.body === null) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(parts).subarray(0, max).toString('utf8');
}

/** A short, one-line excerpt of an answer for last_error. */
export const excerpt = (text: string, max = 300): string => text.replace(/\s+/g, ' ').trim().slice(0, max);

/** `HTTP <status>: <excerpt>` or the transport error. */
export const failureOf = (a: HttpAnswer): string => ('error' in a ? a.error : `HTTP ${a.status}${a.text === '' ? '' : `: ${excerpt(a.text)}`}`);

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The signature Taobao (TOP), JD (JOS) and Pinduoduo document for md5:
 * upper-case hex MD5 of secret ‖ every parameter but `sign` sorted by name,
 * each as name‖value ‖ secret.
 */
export function md5SortedSign(params: Readonly<Record<string, string>>, secret: string): string {
  const joined = Object.keys(params).filter((k) => k !== 'sign').sort().map((k) => `${k}${params[k]}`).join('');
  return createHash('md5').update(`${secret}${joined}${secret}`, 'utf8').digest('hex').toUpperCase();
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8), the timestamp format of TOP and JOS. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The configured base URL without a trailing slash, then `path`. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;
