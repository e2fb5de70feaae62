// Douyin (抖店) write-back: `order.logisticsAdd`,
//   POST <gateway>/order/logisticsAdd?app_key&method=order.logisticsAdd&access_token&timestamp&v=2&sign_method=md5&sign
//   body: param_json = {"company_code", "logistics_code", "order_id"} (keys sorted, no spaces)
// sign = hex MD5 of secret ‖ "app_key"<key> "method"<method> "param_json"<json>
// "timestamp"<ts> "v"<2> ‖ secret. Success: {"err_no": 0} (newer gateways:
// {"code": 10000}).
import { createHash } from 'node:crypto';
import type { WritebackAdapter, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { beijingTime, excerpt, exchange, failureOf, joinUrl, parseJson } from './http.ts';

export const douyinParamJson = (s: WritebackShipment): string =>
  JSON.stringify({ company_code: s.carrier, logistics_code: s.trackingNumber, order_id: s.externalId });

export function douyinSign(appKey: string, appSecret: string, paramJson: string, timestamp: string): string {
  const text = `${appSecret}app_key${appKey}methodorder.logisticsAddparam_json${paramJson}timestamp${timestamp}v2${appSecret}`;
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function douyinQuery(target: WritebackTarget, paramJson: string, nowMs: number): URLSearchParams {
  const { appKey = '', appSecret = '', accessToken = '' } = target.credentials;
  const timestamp = beijingTime(nowMs);
  return new URLSearchParams({
    app_key: appKey, method: 'order.logisticsAdd', access_token: accessToken, timestamp, v: '2', sign_method: 'md5',
    sign: douyinSign(appKey, appSecret, paramJson, timestamp),
  });
}

export const douyinWriteback: WritebackAdapter = {
  async push(target, s, nowMs) {
    const paramJson = douyinParamJson(s);
    const a = await exchange(`${joinUrl(target.url, '/order/logisticsAdd')}?${douyinQuery(target, paramJson, nowMs).toString()}`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: paramJson,
    }, target.timeoutMs);
    if ('error' in a || a.status !== 200) return { ok: false, error: failureOf(a) };
    const answer = parseJson(a.text) as { err_no?: unknown; code?: unknown } | undefined;
    if (answer?.err_no === 0 || answer?.code === 10000) return { ok: true, reference: 'order.logisticsAdd' };
    return { ok: false, error: `platform error ${excerpt(a.text)}` };
  },
};
