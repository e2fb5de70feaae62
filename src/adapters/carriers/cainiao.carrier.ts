// Cainiao e-waybills (菜鸟电子面单) through the Taobao Open Platform (TOP)
// gateway: `cainiao.waybill.ii.get` issues waybill numbers (with the cloud
// print data), `cainiao.waybill.ii.cancel` voids one. A TOP call is a form
// POST of the system parameters (method, app_key, session, timestamp in
// China time "yyyy-MM-dd HH:mm:ss", format=json, v=2.0, sign_method) plus
// the method's own, signed with `sign`: the upper-case hex digest of every
// other parameter sorted by name and concatenated as name+value — MD5 of
// secret + that + secret (`md5`), or HMAC-SHA256 under the secret
// (`hmac-sha256`). A refusal is `{error_response: {code, msg, sub_code,
// sub_msg}}`. One get carries at most 10 trade_order_info_dtos, so larger
// batches are split. Tracking is not offered by the e-waybill API (it is
// the carrier's own, named by cp_code) and answers CARRIER_FAILED.
import { createHash, createHmac } from 'node:crypto';
import { ok, type Result } from '../../core/errors.ts';
import type { Address } from '../../core/order.types.ts';
import { waybillBatchMax, type CarrierAdapter, type Sender, type TrackingEvent, type Waybill, type WaybillParcel, type WaybillRequest } from '../../app/carrier.port.ts';
import { carrierFailed, exchange, isRecord, type CarrierHttpOptions } from './carrier.http.ts';

export interface CainiaoConfig extends CarrierHttpOptions {
  /** The TOP gateway, e.g. https://eco.taobao.com/router/rest. */
  readonly gatewayUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** The seller's authorised session (access token). */
  readonly session: string;
  /** The logistics company's code at Cainiao (YTO, ZTO, STO, SF …). */
  readonly cpCode: string;
  /** The standard cloud-print template the label data is for. */
  readonly templateUrl: string;
  readonly userId?: number;
  readonly signMethod: 'md5' | 'hmac-sha256';
  readonly nowMs: () => number;
}

/** trade_order_info_dtos one cainiao.waybill.ii.get takes. */
export const cainiaoDtosMax = 10;
const chinaOffsetMs = 8 * 3600_000;

/** "yyyy-MM-dd HH:mm:ss" in China time (GMT+8), as TOP wants its timestamp. */
export function topTimestamp(nowMs: number): string {
  const d = new Date(nowMs + chinaOffsetMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** TOP's `sign` over every parameter but `sign` itself. */
export function topSign(params: Readonly<Record<string, string>>, secret: string, method: 'md5' | 'hmac-sha256'): string {
  const joined = Object.keys(params).filter((k) => k !== 'sign').sort().map((k) => `${k}${params[k]}`).join('');
  const digest = method === 'md5'
    ? createHash('md5').update(`${secret}${joined}${secret}`, 'utf8').digest('hex')
    : createHmac('sha256', secret).update(joined, 'utf8').digest('hex');
  return digest.toUpperCase();
}

const addressOf = (a: { province: string; city: string; district?: string; address1: string; address2?: string }) => ({
  province: a.province, city: a.city, ...(a.district === undefined ? {} : { district: a.district }),
  detail: a.address2 === undefined ? a.address1 : `${a.address1} ${a.address2}`,
});

export class CainiaoCarrier implements CarrierAdapter {
  readonly code: string;

  constructor(private readonly cfg: CainiaoConfig) {
    this.code = cfg.cpCode;
  }

  /** The param_waybill_cloud_print_apply_new_request of one get. */
  applyRequest(sender: Sender, parcels: readonly WaybillParcel[]): Record<string, unknown> {
    return {
      cp_code: this.cfg.cpCode,
      sender: { address: addressOf(sender), name: sender.name, mobile: sender.phone },
      trade_order_info_dtos: parcels.map((p) => ({
        object_id: p.parcelId,
        order_info: { order_channels_type: 'OTHERS', trade_order_list: [p.orderId] },
        package_info: {
          id: p.parcelId,
          items: (p.items ?? [{ name: 'goods', qty: 1 }]).slice(0, 20).map((i) => ({ count: i.qty, name: i.name })),
          ...(p.weightGrams === undefined ? {} : { weight: p.weightGrams }),
        },
        recipient: recipientOf(p.recipient),
        template_url: this.cfg.templateUrl,
        ...(this.cfg.userId === undefined ? {} : { user_id: this.cfg.userId }),
      })),
    };
  }

  async requestWaybills(req: WaybillRequest): Promise<Result<Waybill[]>> {
    if (req.parcels.length === 0 || req.parcels.length > waybillBatchMax) return carrierFailed(this.code, `parcels must be 1..${waybillBatchMax}`);
    const out: Waybill[] = [];
    for (let i = 0; i < req.parcels.length; i += cainiaoDtosMax) {
      const chunk = req.parcels.slice(i, i + cainiaoDtosMax);
      const got = await this.call('cainiao.waybill.ii.get', { param_waybill_cloud_print_apply_new_request: JSON.stringify(this.applyRequest(req.sender, chunk)) });
      if (!got.ok) return got;
      const issued = waybillsOf(got.value, chunk, this.code);
      if (!issued.ok) return issued;
      out.push(...issued.value);
    }
    return ok(out);
  }

  async cancelWaybill(_tenant: string, waybillNo: string): Promise<Result<void>> {
    const got = await this.call('cainiao.waybill.ii.cancel', { cp_code: this.cfg.cpCode, waybill_code: waybillNo });
    if (!got.ok) return got;
    const r = isRecord(got.value) ? got.value.cainiao_waybill_ii_cancel_response : undefined;
    return isRecord(r) && r.cancel_result === true ? ok(undefined) : carrierFailed(this.code, `waybill ${waybillNo} was not cancelled`);
  }

  async tracking(_tenant: string, waybillNo: string): Promise<Result<TrackingEvent[]>> {
    return carrierFailed(this.code, `tracking of ${waybillNo} is the carrier's own service, not the Cainiao e-waybill API's`);
  }

  /** One signed TOP call; the method's answer object, or the gateway's refusal as CARRIER_FAILED. */
  private async call(method: string, appParams: Record<string, string>): Promise<Result<unknown>> {
    const params: Record<string, string> = {
      method, app_key: this.cfg.appKey, session: this.cfg.session, timestamp: topTimestamp(this.cfg.nowMs()),
      format: 'json', v: '2.0', sign_method: this.cfg.signMethod, ...appParams,
    };
    params.sign = topSign(params, this.cfg.appSecret, this.cfg.signMethod);
    const got = await exchange(this.code, this.cfg.gatewayUrl, {
      method: 'POST', body: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    }, this.cfg);
    if (!got.ok) return got;
    const refusal = isRecord(got.value) ? got.value.error_response : undefined;
    if (isRecord(refusal)) {
      return carrierFailed(this.code, `${method} refused: ${String(refusal.code)} ${String(refusal.sub_code ?? '')} ${String(refusal.sub_msg ?? refusal.msg ?? '')}`.trim());
    }
    return got;
  }
}

function recipientOf(a: Address) {
  return { address: addressOf(a), name: a.name, mobile: a.phone };
}

/** cainiao_waybill_ii_get_response.modules.waybill_cloud_print_response: one per object_id sent. */
function waybillsOf(answer: unknown, sent: readonly WaybillParcel[], code: string): Result<Waybill[]> {
  const r = isRecord(answer) ? answer.cainiao_waybill_ii_get_response : undefined;
  const modules = isRecord(r) && isRecord(r.modules) ? r.modules.waybill_cloud_print_response : undefined;
  if (!Array.isArray(modules)) return carrierFailed(code, 'the answer has no modules.waybill_cloud_print_response');
  const byObject = new Map<string, { no: string; print?: string }>();
  for (const m of modules.slice(0, cainiaoDtosMax + 1)) {
    if (!isRecord(m) || typeof m.object_id !== 'string' || typeof m.waybill_code !== 'string' || m.waybill_code === '') {
      return carrierFailed(code, 'a waybill_cloud_print_response lacks object_id or waybill_code');
    }
    byObject.set(m.object_id, { no: m.waybill_code, ...(typeof m.print_data === 'string' ? { print: m.print_data } : {}) });
  }
  const out: Waybill[] = [];
  for (const p of sent) {
    const w = byObject.get(p.parcelId);
    if (w === undefined) return carrierFailed(code, `no waybill for object_id ${p.parcelId}`);
    out.push({ parcelId: p.parcelId, waybillNo: w.no, carrier: code, ...(w.print === undefined ? {} : { printData: w.print }) });
  }
  return ok(out);
}
