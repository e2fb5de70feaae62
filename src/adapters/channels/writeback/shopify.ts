// Shopify write-back: one fulfillment per shipment through the Admin REST
// API's order fulfillments resource,
//   POST <shop>/admin/api/<version>/orders/<order id>/fulfillments.json
//   X-Shopify-Access-Token: <access token>
//   {"fulfillment": {"tracking_number", "tracking_company", "notify_customer": false}}
// answered 201 with {"fulfillment": {"id", …}}. The order id is the Shopify
// order's id (the channel document's `id`, kept as the order's external id).
// A 422 saying the order is fulfilled already means someone pushed it before:
// taken as done (Shopify has no idempotency key on this resource).
import type { WritebackAdapter, WritebackOutcome, WritebackShipment, WritebackTarget } from '../../../app/writeback.port.ts';
import { exchange, failureOf, joinUrl, parseJson } from './http.ts';

export const shopifyApiVersion = '2024-01';

export const shopifyFulfillmentPath = (orderId: string): string =>
  `/admin/api/${shopifyApiVersion}/orders/${encodeURIComponent(orderId)}/fulfillments.json`;

export function shopifyFulfillmentBody(s: WritebackShipment): { fulfillment: { tracking_number: string; tracking_company: string; notify_customer: boolean } } {
  return { fulfillment: { tracking_number: s.trackingNumber, tracking_company: s.carrier, notify_customer: false } };
}

export const shopifyWriteback: WritebackAdapter = {
  async push(target: WritebackTarget, s: WritebackShipment): Promise<WritebackOutcome> {
    const a = await exchange(joinUrl(target.url, shopifyFulfillmentPath(s.externalId)), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': target.credentials.accessToken ?? '' },
      body: JSON.stringify(shopifyFulfillmentBody(s)),
    }, target.timeoutMs);
    if ('error' in a) return { ok: false, error: a.error };
    if (a.status === 201 || a.status === 200) {
      const id = (parseJson(a.text) as { fulfillment?: { id?: unknown } } | undefined)?.fulfillment?.id;
      return { ok: true, reference: id === undefined ? '' : `fulfillment:${String(id)}` };
    }
    if (a.status === 422 && /already (been )?fulfilled/i.test(a.text)) return { ok: true, reference: 'already fulfilled' };
    return { ok: false, error: failureOf(a) };
  },
};
