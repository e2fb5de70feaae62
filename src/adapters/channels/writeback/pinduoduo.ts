// Pinduoduo write-back: `pdd.logistics.online.send` on the PDD gateway
// (e.g. https://gw-api.pinduoduo.com/api/router). System parameters type,
// client_id (the app key), access_token, timestamp (unix seconds),
// data_type=JSON; business parameters order_sn (the order's external id),
// logistics_id (PDD's carrier id, as the WMS reports it), tracking_number.
// Signed like TOP (md5 of the sorted parameters between the client secret).
// Success: {"logistics_online_send_response": {"is_success": true}}.
import type { WritebackAdapter, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { callGateway } from './top.ts';

export function pddParams(target: WritebackTarget, s: WritebackShipment, nowMs: number): Record<string, string> {
  return {
    type: 'pdd.logistics.online.send', client_id: target.credentials.appKey ?? '', access_token: target.credentials.accessToken ?? '',
    timestamp: String(Math.floor(nowMs / 1000)), data_type: 'JSON',
    order_sn: s.externalId, logistics_id: s.carrier, tracking_number: s.trackingNumber,
  };
}

export const pinduoduoWriteback: WritebackAdapter = {
  push(target, s, nowMs) {
    return callGateway({
      url: target.url, params: pddParams(target, s, nowMs), appSecret: target.credentials.appSecret ?? '', timeoutMs: target.timeoutMs,
      responseKey: 'logistics_online_send_response', succeeded: (r) => r.is_success === true,
    });
  },
};
