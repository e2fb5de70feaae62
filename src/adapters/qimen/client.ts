// Pallet → a QiMen (奇门) WMS (issue 14): POST <router url>?<system
// parameters>&sign=… with the document as XML (application/xml; UTF-8).
// Delivery is the WMS's `<flag>success</flag>`; a failure flag, another HTTP
// status, a timeout, a connection error or an answer that is not a QiMen
// response is a failed push, for the fulfilment consumer to retry with
// backoff and dead-letter after its last try (as for the JSON webhook).
// The exchange is bounded by the connection's timeout; the answer is read up
// to `responseBytesMax` (a longer one is a failure, never half-parsed).
import type { PushOutcome, QimenExchange, QimenGateway, QimenRequest } from '../../app/fulfilment.port.ts';
import type { XmlCodec } from '../../app/qimen.port.ts';
import { qimenSign } from '../../app/qimen.signature.ts';
import { answerOf, outboundParams } from '../../core/qimen.protocol.ts';

export interface QimenClientOptions {
  /** Bytes of a WMS answer read at most. */
  readonly responseBytesMax: number;
  readonly nowMs: () => number;
  readonly codec: XmlCodec;
}

export class HttpQimenGateway implements QimenGateway {
  constructor(private readonly opts: QimenClientOptions) {}

  async call(req: QimenRequest): Promise<PushOutcome> {
    const x = await this.exchange(req);
    return x.ok ? { ok: true, status: x.status } : { ok: false, error: x.error };
  }

  async exchange(req: QimenRequest): Promise<QimenExchange> {
    const body = Buffer.from(this.opts.codec.build(req.document), 'utf8');
    const params = outboundParams(req.method, this.opts.nowMs(), req.appKey, req.customerId);
    const url = new URL(req.url);
    // Parameters already in the configured URL are sent, so they are signed too.
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const all = Object.fromEntries(url.searchParams);
    url.searchParams.set('sign', qimenSign(req.secret, all, body));
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      const res = await fetch(url, {
        method: 'POST', body, signal, redirect: 'manual',
        headers: { 'content-type': 'application/xml; charset=utf-8', 'user-agent': 'pallet-fulfilment/1 (qimen)' },
      });
      const text = await readBounded(res, this.opts.responseBytesMax);
      if (text === null) return { ok: false, error: `HTTP ${res.status}: the answer is longer than ${this.opts.responseBytesMax} bytes` };
      if (res.status < 200 || res.status >= 300) return { ok: false, error: `HTTP ${res.status}${text === '' ? '' : `: ${oneLine(text)}`}` };
      const tree = this.opts.codec.parse(text);
      if (!tree.ok) return { ok: false, error: `the answer is not a QiMen response: ${tree.fault.message}` };
      const answer = answerOf(tree.value);
      if (answer.flag === 'success') return { ok: true, status: res.status, answer, tree: tree.value };
      return { ok: false, answer, error: `QiMen ${req.method} failure${answer.code === '' ? '' : ` ${answer.code}`}${answer.message === '' ? '' : `: ${answer.message}`}` };
    } catch (err) {
      if (signal.aborted) return { ok: false, error: `no answer within ${req.timeoutMs} ms` };
      const e = err as Error & { cause?: { code?: string } };
      return { ok: false, error: `${e.message}${e.cause?.code === undefined ? '' : ` (${e.cause.code})`}` };
    }
  }
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim().slice(0, 300);

/** The whole answer as text, or null when it is longer than `max` bytes (the rest is cancelled). */
async function readBounded(res: Response, max: number): Promise<string | null> {
  if (res.body === null) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) return null;
      parts.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(parts).toString('utf8');
}
