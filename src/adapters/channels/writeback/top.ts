// The request style Taobao (TOP), JD (JOS) and Pinduoduo share: every
// parameter, system and business, in one form-encoded POST to the platform's
// gateway, signed with md5SortedSign under the app secret; the answer is JSON
// with either `error_response` or `<method>_response` (JD: `_responce`).
import type { WritebackOutcome } from '../../../app/writeback.port.ts';
import { excerpt, exchange, failureOf, md5SortedSign, parseJson } from './http.ts';

export interface GatewayCall {
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
  readonly appSecret: string;
  readonly timeoutMs: number;
  /** The success answer's key, and whether it says the shipment was taken. */
  readonly responseKey: string;
  readonly succeeded: (response: Record<string, unknown>) => boolean;
}

export function signedForm(params: Readonly<Record<string, string>>, appSecret: string): URLSearchParams {
  return new URLSearchParams({ ...params, sign: md5SortedSign(params, appSecret) });
}

export async function callGateway(c: GatewayCall): Promise<WritebackOutcome> {
  const a = await exchange(c.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
    body: signedForm(c.params, c.appSecret).toString(),
  }, c.timeoutMs);
  if ('error' in a || a.status !== 200) return { ok: false, error: failureOf(a) };
  const answer = parseJson(a.text) as Record<string, unknown> | undefined;
  const err = answer?.error_response as Record<string, unknown> | undefined;
  if (err !== undefined) return { ok: false, error: `platform error ${excerpt(JSON.stringify(err))}` };
  const response = answer?.[c.responseKey] as Record<string, unknown> | undefined;
  if (response === undefined || !c.succeeded(response)) return { ok: false, error: `unexpected answer: ${excerpt(a.text)}` };
  return { ok: true, reference: c.responseKey };
}
