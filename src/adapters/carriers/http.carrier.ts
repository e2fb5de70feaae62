// The generic HTTP carrier: any carrier (or an in-house gateway) reached at
// a base URL and signed like every other Pallet call out, `Pallet-Signature:
// t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<signed>">` under the carrier's
// secret, with `Pallet-Tenant`. The contract:
//
//   POST <base>/waybills                    signed: the raw JSON body
//        {tenant, carrier, sender, parcels:[{parcelId, orderId, recipient, weightGrams?, items?}]}
//     → 2xx {waybills:[{parcelId, waybillNo}]}   one per parcel, none unknown
//   POST <base>/waybills/<no>/cancel        signed: the raw JSON body {tenant}
//     → 2xx (anything)
//   GET  <base>/waybills/<no>/tracking      signed: the request target (path and query as sent)
//     → 2xx {events:[{at (ISO 8601), status, description?}]}
import { ok, type Result } from '../../core/errors.ts';
import { signPayload } from '../../app/payment.signature.ts';
import { trackingEventsMax, waybillBatchMax, type CarrierAdapter, type TrackingEvent, type Waybill, type WaybillRequest } from '../../app/carrier.port.ts';
import { carrierFailed, exchange, isRecord, type CarrierHttpOptions } from './carrier.http.ts';

export interface HttpCarrierConfig extends CarrierHttpOptions {
  /** The carrier code printed on labels. */
  readonly code: string;
  /** http(s)://host[:port][/prefix], no trailing slash needed. */
  readonly baseUrl: string;
  readonly secret: string;
  readonly nowMs: () => number;
}

export class HttpCarrier implements CarrierAdapter {
  readonly code: string;
  private readonly base: URL;

  constructor(private readonly cfg: HttpCarrierConfig) {
    this.code = cfg.code;
    this.base = new URL(cfg.baseUrl.endsWith('/') ? cfg.baseUrl : `${cfg.baseUrl}/`);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new Error(`carrier ${cfg.code}: baseUrl must be http or https`);
  }

  async requestWaybills(req: WaybillRequest): Promise<Result<Waybill[]>> {
    if (req.parcels.length === 0 || req.parcels.length > waybillBatchMax) return carrierFailed(this.code, `parcels must be 1..${waybillBatchMax}`);
    const body = JSON.stringify({ tenant: req.tenant, carrier: this.code, sender: req.sender, parcels: req.parcels });
    const answer = await this.post(req.tenant, 'waybills', body);
    if (!answer.ok) return answer;
    const list = isRecord(answer.value) && Array.isArray(answer.value.waybills) ? answer.value.waybills : null;
    if (list === null) return carrierFailed(this.code, 'the answer has no waybills list');
    const byParcel = new Map<string, string>();
    for (const w of list.slice(0, waybillBatchMax + 1)) {
      if (!isRecord(w) || typeof w.parcelId !== 'string' || typeof w.waybillNo !== 'string' || !/^[A-Za-z0-9-]{4,40}$/.test(w.waybillNo)) {
        return carrierFailed(this.code, 'a waybill in the answer is not {parcelId, waybillNo (4-40 of A-Z a-z 0-9 -)}');
      }
      byParcel.set(w.parcelId, w.waybillNo);
    }
    const missing = req.parcels.filter((p) => !byParcel.has(p.parcelId)).map((p) => p.parcelId);
    if (missing.length > 0 || byParcel.size !== req.parcels.length) {
      return carrierFailed(this.code, `the answer does not name each parcel once (missing: ${missing.slice(0, 5).join(', ') || 'none'})`);
    }
    return ok(req.parcels.map((p) => ({ parcelId: p.parcelId, waybillNo: byParcel.get(p.parcelId)!, carrier: this.code })));
  }

  async cancelWaybill(tenant: string, waybillNo: string): Promise<Result<void>> {
    const answer = await this.post(tenant, `waybills/${encodeURIComponent(waybillNo)}/cancel`, JSON.stringify({ tenant }));
    return answer.ok ? ok(undefined) : answer;
  }

  async tracking(tenant: string, waybillNo: string): Promise<Result<TrackingEvent[]>> {
    const url = new URL(`waybills/${encodeURIComponent(waybillNo)}/tracking`, this.base);
    const target = `${url.pathname}${url.search}`;
    const answer = await exchange(this.code, url.href, { method: 'GET', headers: this.headers(tenant, Buffer.from(target)) }, this.cfg);
    if (!answer.ok) return answer;
    const events = isRecord(answer.value) && Array.isArray(answer.value.events) ? answer.value.events : null;
    if (events === null) return carrierFailed(this.code, 'the answer has no events list');
    const out: TrackingEvent[] = [];
    for (const e of events.slice(0, trackingEventsMax)) {
      const atMs = isRecord(e) && typeof e.at === 'string' ? Date.parse(e.at) : Number.NaN;
      if (!isRecord(e) || Number.isNaN(atMs) || typeof e.status !== 'string') return carrierFailed(this.code, 'a tracking event is not {at, status, description?}');
      out.push({ atMs, status: e.status.slice(0, 64), description: typeof e.description === 'string' ? e.description.slice(0, 500) : '' });
    }
    return ok(out);
  }

  private post(tenant: string, path: string, body: string): Promise<Result<unknown>> {
    const headers = { ...this.headers(tenant, Buffer.from(body)), 'content-type': 'application/json; charset=utf-8' };
    return exchange(this.code, new URL(path, this.base).href, { method: 'POST', body, headers }, this.cfg);
  }

  private headers(tenant: string, signed: Uint8Array): Record<string, string> {
    const t = Math.floor(this.cfg.nowMs() / 1000);
    return { 'pallet-tenant': tenant, 'pallet-signature': `t=${t},v1=${signPayload(this.cfg.secret, t, signed)}` };
  }
}
