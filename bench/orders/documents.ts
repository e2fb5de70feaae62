// The load of `npm run bench:orders`: distinct Shopify order webhooks
// (`orders/create`, paid, 1–2 lines of the bench catalog's SKUs), each signed
// as Shopify signs it (X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw
// body with the channel's secret) and carrying its own delivery id
// (X-Shopify-Webhook-Id). wrk cannot compute an HMAC, so the documents of a
// run are signed here beforehand and written to a file that
// bench/wrk/intake.lua reads at start, one document per line:
//
//   <delivery id> TAB <base64 HMAC> TAB <raw JSON body> LF
//
// (JSON.stringify never writes a tab or a line break.)

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { createRandom } from '../lib/scenarios.ts';

/** Which part of a run a document belongs to; its external id and delivery id say it. */
export type DocumentPhase = 'warm' | 'measure' | 'probe';

/** External ids: a 13-digit Shopify-like number per phase, so every document of a run is a different order. */
const externalIdBase: Readonly<Record<DocumentPhase, number>> = { warm: 7_100_000_000_000, measure: 7_200_000_000_000, probe: 7_300_000_000_000 };
const phaseCountMax = 99_999_999_999;
const phaseSeedOffset: Readonly<Record<DocumentPhase, number>> = { warm: 1, measure: 2, probe: 3 };
const linesMax = 2;
const qtyMax = 3;

export interface SignedDocument {
  readonly externalId: string;
  readonly deliveryId: string;
  readonly hmac: string;
  readonly body: string;
}

export interface DocumentSource {
  readonly runId: string;
  readonly secret: string;
  /** SKUs the lines pick from (Pallet SKU codes: a channel SKU not in the channel's skuMap is used as it is). */
  readonly skus: readonly string[];
  readonly seed: number;
}

export function externalIdOf(phase: DocumentPhase, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > phaseCountMax) throw new RangeError(`document number ${n} out of range`);
  return String(externalIdBase[phase] + n);
}

const money = (minor: number): string => (minor / 100).toFixed(2);

/** The n-th document of a phase: a paid Shopify order shaped like test/fixtures/channels/shopify.order.json. */
export function shopifyOrder(phase: DocumentPhase, n: number, random: () => number, skus: readonly string[], now: Date): Record<string, unknown> {
  const id = externalIdOf(phase, n);
  const lineCount = 1 + Math.floor(random() * linesMax);
  const items = Array.from({ length: lineCount }, (_, i) => {
    const sku = skus[Math.floor(random() * skus.length)] ?? 'sku-0';
    const quantity = 1 + Math.floor(random() * qtyMax);
    const priceMinor = 500 + Math.floor(random() * 9_500);
    return { id: Number(id) * 10 + i, variant_id: 44_000_000_000_000 + i, title: `Bench item ${sku}`, sku, quantity, price: money(priceMinor), priceMinor };
  });
  const itemsMinor = items.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
  const shippingMinor = 500;
  const at = now.toISOString();
  const address = {
    first_name: 'Mira', last_name: `Kovac ${n}`, name: `Mira Kovac ${n}`, address1: '1207 SE Hawthorne Blvd', address2: 'Apt 4',
    city: 'Portland', province: 'Oregon', province_code: 'OR', country: 'United States', country_code: 'US', zip: '97214',
    phone: `+1 503 555 ${String(n % 10_000).padStart(4, '0')}`, company: null,
  };
  return {
    id: Number(id), name: `#${n}`, order_number: n, email: `buyer${n}@example.com`, phone: null,
    created_at: at, processed_at: at, updated_at: at, cancelled_at: null, cancel_reason: null,
    financial_status: 'paid', fulfillment_status: null, currency: 'USD', presentment_currency: 'USD',
    total_line_items_price: money(itemsMinor), subtotal_price: money(itemsMinor), total_discounts: '0.00', total_tax: '0.00',
    total_price: money(itemsMinor + shippingMinor),
    total_shipping_price_set: { shop_money: { amount: money(shippingMinor), currency_code: 'USD' } },
    note: null, tags: '',
    customer: { id: 7_012_345_678_901 + n, email: `buyer${n}@example.com`, first_name: 'Mira', last_name: `Kovac ${n}`, phone: address.phone },
    billing_address: address, shipping_address: address,
    line_items: items.map(({ priceMinor: _p, ...line }) => ({ ...line, total_discount: '0.00', requires_shipping: true })),
  };
}

/** Documents [from, from + count) of a phase, signed; deterministic for a given seed and phase. */
export function* signedDocuments(source: DocumentSource, phase: DocumentPhase, count: number): Generator<SignedDocument> {
  const random = createRandom((source.seed + phaseSeedOffset[phase] * 7_919) % 0x7fffffff);
  const now = new Date();
  for (let n = 1; n <= count; n++) {
    const body = JSON.stringify(shopifyOrder(phase, n, random, source.skus, now));
    yield { externalId: externalIdOf(phase, n), deliveryId: `${source.runId}-${phase}-${n}`, hmac: webhookHmacBase64(source.secret, Buffer.from(body)), body };
  }
}

/** Writes `count` signed documents of a phase for bench/wrk/intake.lua; resolves with the bytes written. */
export async function writeWrkDocuments(path: string, source: DocumentSource, phase: DocumentPhase, count: number): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  try {
    for (const d of signedDocuments(source, phase, count)) {
      const line = `${d.deliveryId}\t${d.hmac}\t${d.body}\n`;
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return bytes;
}
