// The QiMen (奇门) warehouse protocol (issue 14): the system parameters every
// request carries in its query string, the signature's input, time stamps and
// the response document. Pure: the MD5 itself is computed by the callers
// (app/qimen.signature.ts), the XML text by the codec (adapters/qimen/xml.ts).
//
// A QiMen request is `POST <router url>?method=…&timestamp=…&format=xml&
// app_key=…&v=2.0&sign_method=md5&customerId=…&sign=…` with an XML body. The
// sign is the upper-case hex MD5 of
//
//   secret ‖ name1 value1 name2 value2 … (every query parameter but `sign`,
//   sorted by name) ‖ raw body ‖ secret
//
// so the body is covered byte for byte and is checked before it is parsed.

export const qimenMethods = {
  deliveryOrderCreate: 'taobao.qimen.deliveryorder.create',
  deliveryOrderConfirm: 'taobao.qimen.deliveryorder.confirm',
  orderCancel: 'taobao.qimen.order.cancel',
  itemLackReport: 'taobao.qimen.itemlack.report',
  stockChangeReport: 'taobao.qimen.stockchange.report',
  entryOrderConfirm: 'taobao.qimen.entryorder.confirm',
  inventoryQuery: 'taobao.qimen.inventory.query',
  entryOrderCreate: 'taobao.qimen.entryorder.create',
} as const;

/** The methods a WMS may call on Pallet's router (POST /v1/warehouses/{id}/qimen). */
export const qimenInboundMethods: readonly string[] = [
  qimenMethods.deliveryOrderConfirm, qimenMethods.itemLackReport, qimenMethods.stockChangeReport, qimenMethods.entryOrderConfirm,
];

/** Protocol version Pallet sends and accepts. */
export const qimenVersion = '2.0';

/** Stable codes of a QiMen failure answer (`<code>`); Pallet's own, the protocol leaves them to each side. */
export const qimenFaultCodes = [
  'PARAM_MISSING', 'PARAM_INVALID', 'SIGNATURE_INVALID', 'TIMESTAMP_EXPIRED', 'METHOD_UNKNOWN', 'BODY_TOO_LARGE',
  'XML_DTD_REFUSED', 'XML_INVALID', 'DOCUMENT_INVALID', 'ORDER_NOT_FOUND', 'TRANSITION_REFUSED', 'STOCK_REFUSED', 'INTERNAL',
] as const;
export type QimenFaultCode = (typeof qimenFaultCodes)[number];

export interface QimenFault {
  readonly code: QimenFaultCode;
  readonly message: string;
  /** The parameter or document path at fault, when there is one. */
  readonly param?: string;
}

export type QimenResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fault: QimenFault };

export const qok = <T>(value: T): QimenResult<T> => ({ ok: true, value });
export const qfail = (code: QimenFaultCode, message: string, param?: string): QimenResult<never> =>
  ({ ok: false, fault: param === undefined ? { code, message } : { code, message, param } });

/** Parameters of one request, by name (a query string that names one twice is refused before this). */
export type QimenParams = Readonly<Record<string, string>>;

/** What comes before the body in the signed string (secret, sorted name+value pairs without sign) and after it (secret). */
export function signFrame(secret: string, params: QimenParams): { readonly head: string; readonly tail: string } {
  // Sorted by UTF-16 code unit, which for the ASCII names the protocol uses is byte order.
  const names = Object.keys(params).filter((n) => n !== 'sign').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let head = secret;
  for (const n of names) head += n + params[n]!;
  return { head, tail: secret };
}

/** The string whose MD5 is the sign: secret, sorted name+value pairs (sign excluded), the raw body, secret. */
export function signBase(secret: string, params: QimenParams, body: string): string {
  const { head, tail } = signFrame(secret, params);
  return head + body + tail;
}

// ---------------------------------------------------------------- time

/** QiMen time stamps are Beijing time (UTC+8, no daylight saving), `yyyy-MM-dd HH:mm:ss`. */
const beijingOffsetMs = 8 * 3_600_000;
const timestampPattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function formatQimenTime(ms: number): string {
  const d = new Date(ms + beijingOffsetMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** The instant a QiMen time stamp names; null when it is not `yyyy-MM-dd HH:mm:ss` or not a real date. */
export function parseQimenTime(s: string): number | null {
  const m = timestampPattern.exec(s);
  if (m === null) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return null;
  return utc - beijingOffsetMs;
}

// ---------------------------------------------------------------- system parameters

export interface SystemParams {
  readonly method: string;
  readonly timestampMs: number;
  readonly appKey: string;
  readonly v: string;
  readonly customerId: string;
  /** Upper-case hex, 32 characters. */
  readonly sign: string;
}

const printable = /^[\x21-\x7e]{1,128}$/;

/**
 * The system parameters of a request, each checked (missing → PARAM_MISSING, wrong → PARAM_INVALID, both
 * naming the parameter), and the time stamp within `toleranceSeconds` of `nowMs` (TIMESTAMP_EXPIRED).
 * The signature is checked by the caller, with the secret of the warehouse these parameters name.
 */
export function checkSystemParams(params: QimenParams, nowMs: number, toleranceSeconds: number): QimenResult<SystemParams> {
  for (const name of ['method', 'timestamp', 'format', 'app_key', 'v', 'sign_method', 'customerId', 'sign']) {
    const v = params[name];
    if (v === undefined || v === '') return qfail('PARAM_MISSING', `the system parameter ${name} is missing`, name);
  }
  const p = params as Record<string, string>;
  if (p.format!.toLowerCase() !== 'xml') return qfail('PARAM_INVALID', `format must be xml (Pallet speaks QiMen in XML), got ${clip(p.format!)}`, 'format');
  if (p.sign_method!.toLowerCase() !== 'md5') return qfail('PARAM_INVALID', `sign_method must be md5, got ${clip(p.sign_method!)}`, 'sign_method');
  for (const name of ['method', 'app_key', 'v', 'customerId']) {
    if (!printable.test(p[name]!)) return qfail('PARAM_INVALID', `${name} must be 1-128 printable ASCII characters`, name);
  }
  if (!/^[0-9A-Fa-f]{32}$/.test(p.sign!)) return qfail('PARAM_INVALID', 'sign must be 32 hex digits (an MD5)', 'sign');
  const timestampMs = parseQimenTime(p.timestamp!);
  if (timestampMs === null) return qfail('PARAM_INVALID', `timestamp must be yyyy-MM-dd HH:mm:ss (Beijing time), got ${clip(p.timestamp!)}`, 'timestamp');
  const skewSeconds = Math.abs(nowMs - timestampMs) / 1000;
  if (skewSeconds > toleranceSeconds) {
    return qfail('TIMESTAMP_EXPIRED', `timestamp is ${Math.round(skewSeconds)} s away from now; at most ${toleranceSeconds} s are accepted`, 'timestamp');
  }
  return qok({ method: p.method!, timestampMs, appKey: p.app_key!, v: p.v!, customerId: p.customerId!, sign: p.sign!.toUpperCase() });
}

/** The system parameters of a request Pallet sends, without the sign (the caller adds it over these). */
export function outboundParams(method: string, nowMs: number, appKey: string, customerId: string): Record<string, string> {
  return { method, timestamp: formatQimenTime(nowMs), format: 'xml', app_key: appKey, v: qimenVersion, sign_method: 'md5', customerId };
}

const clip = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

// ---------------------------------------------------------------- response

export type QimenFlag = 'success' | 'failure';

export interface QimenAnswer {
  readonly flag: QimenFlag;
  readonly code: string;
  readonly message: string;
}

/** The response document (`<response><flag/><code/><message/></response>`) as a tree for the XML codec. */
export const responseTree = (a: QimenAnswer) => ({ response: { flag: a.flag, code: a.code, message: a.message } });

export const successAnswer = (message = 'ok'): QimenAnswer => ({ flag: 'success', code: '0', message });
export const failureAnswer = (f: QimenFault): QimenAnswer =>
  ({ flag: 'failure', code: f.code, message: f.param === undefined ? f.message : `${f.param}: ${f.message}` });

/** A WMS's answer read from its parsed response document; a document without a flag is a failure. */
export function answerOf(tree: unknown): QimenAnswer {
  const r = objectAt(tree, 'response');
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  if (r === null) return { flag: 'failure', code: 'NO_RESPONSE', message: 'the answer is not a <response> document' };
  const flag = text(r.flag).trim().toLowerCase();
  return { flag: flag === 'success' ? 'success' : 'failure', code: text(r.code).trim(), message: text(r.message).trim().slice(0, 300) };
}

/** The child object `name` of a parsed tree node; null when it is absent or not an element with children. */
export function objectAt(node: unknown, name: string): Record<string, unknown> | null {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return null;
  const child = (node as Record<string, unknown>)[name];
  return child !== null && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : null;
}
