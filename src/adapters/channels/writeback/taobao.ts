// Taobao write-back: `taobao.logistics.offline.send` (self-arranged
// delivery: the seller's own carrier and tracking number) on the TOP gateway
// (e.g. https://eco.taobao.com/router/rest). System parameters method,
// app_key, session (the shop's access token), timestamp (Beijing time),
// format=json, v=2.0, sign_method=md5; business parameters tid (the Taobao
// trade id: the order's external id), out_sid (tracking number),
// company_code (the carrier's Taobao code, as the WMS reports it). Success:
// {"logistics_offline_send_response": {"shipping": {"is_success": true}}}.
import type { WritebackAdapter, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { beijingTime } from './http.ts';
import { callGateway } from './top.ts';

export function taobaoParams(target: WritebackTarget, s: WritebackShipment, nowMs: number): Record<string, string> {
  return {
    method: 'taobao.logistics.offline.send', app_key: target.credentials.appKey ?? '', session: target.credentials.accessToken ?? '',
    timestamp: beijingTime(nowMs), format: 'json', v: '2.0', sign_method: 'md5',
    tid: s.externalId, out_sid: s.trackingNumber, company_code: s.carrier,
  };
}

export const taobaoWriteback: WritebackAdapter = {
  push(target, s, nowMs) {
    return callGateway({
      url: target.url, params: taobaoParams(target, s, nowMs), appSecret: target.credentials.appSecret ?? '', timeoutMs: target.timeoutMs,
      responseKey: 'logistics_offline_send_response',
      succeeded: (r) => (r.shipping as { is_success?: unknown } | undefined)?.is_success === true,
    });
  },
};
