// WooCommerce write-back through the REST API v3:
//   PUT <site>/wp-json/wc/v3/orders/<id>
//   Authorization: Basic base64(<consumer key>:<consumer secret>)
//   {"status": "completed", "meta_data": [{"key": "_pallet_tracking_<n>", "value": "<carrier> <tracking number>"}]}
// answered 200 with the order. One meta entry per shipment (its own key, so
// a second parcel does not overwrite the first); setting `completed` again
// for the second parcel changes nothing on the shop's side.
import type { WritebackAdapter, WritebackOutcome, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { exchange, failureOf, joinUrl, parseJson } from './http.ts';

export const wooOrderPath = (orderId: string): string => `/wp-json/wc/v3/orders/${encodeURIComponent(orderId)}`;

/** Meta keys allow letters, digits, - and _: the tracking number is reduced to those. */
export const wooMetaKey = (trackingNumber: string): string => `_pallet_tracking_${trackingNumber.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function wooOrderBody(s: WritebackShipment): { status: 'completed'; meta_data: { key: string; value: string }[] } {
  return { status: 'completed', meta_data: [{ key: wooMetaKey(s.trackingNumber), value: `${s.carrier} ${s.trackingNumber}` }] };
}

export const woocommerceWriteback: WritebackAdapter = {
  async push(target: WritebackTarget, s: WritebackShipment): Promise<WritebackOutcome> {
    const { appKey = '', appSecret = '' } = target.credentials;
    const a = await exchange(joinUrl(target.url, wooOrderPath(s.externalId)), {
      method: 'PUT',
      headers: {
        'content-type': 'application/json', accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${appKey}:${appSecret}`, 'utf8').toString('base64')}`,
      },
      body: JSON.stringify(wooOrderBody(s)),
    }, target.timeoutMs);
    if ('error' in a) return { ok: false, error: a.error };
    if (a.status !== 200) return { ok: false, error: failureOf(a) };
    const status = (parseJson(a.text) as { status?: unknown } | undefined)?.status;
    return { ok: true, reference: `order status ${String(status ?? 'unknown')}` };
  },
};
