// One bounded HTTP exchange with a carrier, shared by the HTTP carriers: a
// timeout on every call, no redirects, the answer read up to a byte bound
// and parsed as JSON. Failures are CARRIER_FAILED values naming the carrier.
import { domainError, fail, ok, type Result } from '../../core/errors.ts';

export interface CarrierHttpOptions {
  readonly timeoutMs: number;
  /** Bytes of an answer read at most; a longer answer is a failure. */
  readonly responseBytesMax: number;
}

export const carrierFailed = (carrier: string, detail: string) =>
  fail(domainError('CARRIER_FAILED', `carrier ${carrier}: ${detail}`.slice(0, 500), { carrier }));

export async function exchange(
  carrier: string, url: string, init: { method: 'GET' | 'POST'; body?: string; headers: Record<string, string> }, opts: CarrierHttpOptions,
): Promise<Result<unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (err) {
    return carrierFailed(carrier, `unreachable (${(err as Error).message})`);
  }
  const text = await boundedText(res, opts.responseBytesMax);
  if (text === null) return carrierFailed(carrier, `answer longer than ${opts.responseBytesMax} bytes`);
  if (res.status < 200 || res.status > 299) return carrierFailed(carrier, `HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return ok(text === '' ? null : JSON.parse(text) as unknown);
  } catch {
    return carrierFailed(carrier, 'the answer is not JSON');
  }
}

async function boundedText(res: Response, bytesMax: number): Promise<string | null> {
  if (res.body === null) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > bytesMax) {
      await res.body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
