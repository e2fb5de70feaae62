// The generic write-back: a signed JSON webhook to the configured URL,
//   POST <url>
//   Pallet-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> (the appSecret)
//   {"type": "shipment", "orderId", "externalId", "channel", "shipment": {"warehouse", "carrier", "trackingNumber", "shippedAt"}}
// the same signature scheme as Pallet's WMS pushes; any 2xx is taken.
import { signPayload } from '../../../app/payment.signature.ts';
import type { WritebackAdapter, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { exchange, failureOf } from './http.ts';

export function genericBody(target: WritebackTarget, s: WritebackShipment) {
  return {
    type: 'shipment', orderId: s.orderId, externalId: s.externalId, channel: target.channel,
    shipment: { warehouse: s.warehouse, carrier: s.carrier, trackingNumber: s.trackingNumber, shippedAt: new Date(s.shippedAtMs).toISOString() },
  };
}

export const genericWriteback: WritebackAdapter = {
  async push(target, s, nowMs) {
    const body = Buffer.from(JSON.stringify(genericBody(target, s)), 'utf8');
    const t = Math.floor(nowMs / 1000);
    const a = await exchange(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'pallet-signature': `t=${t},v1=${signPayload(target.credentials.appSecret ?? '', t, body)}` },
      body: body.toString('utf8'),
    }, target.timeoutMs);
    if ('error' in a || a.status < 200 || a.status >= 300) return { ok: false, error: failureOf(a) };
    return { ok: true, reference: `HTTP ${a.status}` };
  },
};
