// JD write-back: `jingdong.pop.order.shipment` on the JOS gateway (e.g.
// https://api.jd.com/routerjson). System parameters method, app_key,
// access_token, timestamp (Beijing time), v=2.0, sign_method=md5; the
// business parameters travel as one JSON text in 360buy_param_json:
// orderId (the order's external id), logiCoprId (JD's carrier id, as the WMS
// reports it), logiNo (tracking number). JD spells its answer key
// `…_responce`; success: {"jingdong_pop_order_shipment_responce": {"sopjosshipment_result": {"success": true}}}.
import type { WritebackAdapter, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { beijingTime } from './http.ts';
import { callGateway } from './top.ts';

export function jdParams(target: WritebackTarget, s: WritebackShipment, nowMs: number): Record<string, string> {
  return {
    method: 'jingdong.pop.order.shipment', app_key: target.credentials.appKey ?? '', access_token: target.credentials.accessToken ?? '',
    timestamp: beijingTime(nowMs), v: '2.0', sign_method: 'md5',
    '360buy_param_json': JSON.stringify({ orderId: s.externalId, logiCoprId: s.carrier, logiNo: s.trackingNumber }),
  };
}

export const jdWriteback: WritebackAdapter = {
  push(target, s, nowMs) {
    return callGateway({
      url: target.url, params: jdParams(target, s, nowMs), appSecret: target.credentials.appSecret ?? '', timeoutMs: target.timeoutMs,
      responseKey: 'jingdong_pop_order_shipment_responce',
      succeeded: (r) => (r.sopjosshipment_result as { success?: unknown } | undefined)?.success === true,
    });
  },
};
