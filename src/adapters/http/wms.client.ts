// The push of a pick task to a warehouse's WMS (issue 12): POST <url> with the
// task as JSON and `Pallet-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>">` under the warehouse's secret. Any 2xx is delivery;
// another status, a timeout or a connection error is a failure for the
// consumer to retry. The whole exchange (connect, headers, body) is bounded by
// the WMS's timeout; the answer's body is read up to `responseBytesMax` only
// (into last_error on a failure), the rest discarded.
import { signPayload } from '../../app/payment.signature.ts';
import type { PushOutcome, PushRequest, WmsPush } from '../../app/fulfilment.port.ts';

export interface WmsClientOptions {
  /** Bytes of a WMS answer read at most. */
  readonly responseBytesMax: number;
  readonly nowMs: () => number;
}

export class HttpWmsPush implements WmsPush {
  constructor(private readonly opts: WmsClientOptions) {}

  async push(req: PushRequest): Promise<PushOutcome> {
    const t = Math.floor(this.opts.nowMs() / 1000);
    const body = Buffer.from(req.body, 'utf8');
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      const res = await fetch(req.url, {
        method: 'POST', body, signal, redirect: 'manual',
        headers: {
          'content-type': 'application/json', 'user-agent': 'pallet-fulfilment/1',
          'pallet-signature': `t=${t},v1=${signPayload(req.secret, t, body)}`,
        },
      });
      const text = await readBounded(res, this.opts.responseBytesMax);
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      return { ok: false, error: `HTTP ${res.status}${text === '' ? '' : `: ${text}`}` };
    } catch (err) {
      if (signal.aborted) return { ok: false, error: `no answer within ${req.timeoutMs} ms` };
      const e = err as Error & { cause?: { code?: string; message?: string } };
      return { ok: false, error: `${e.message}${e.cause?.code === undefined ? '' : ` (${e.cause.code})`}` };
    }
  }
}

/** The first `max` bytes of the body as text on one line; the rest is cancelled. */
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
  return Buffer.concat(parts).subarray(0, max).toString('utf8').replace(/[\r\n]+/g, ' ').trim();
}
