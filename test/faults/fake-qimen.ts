// A local fake QiMen (奇门) WMS for tests (issue 14). It checks every request
// Pallet sends it the way a WMS would, with its own code (its own MD5 of the
// sign and its own XML parser, not Pallet's codec): the system parameters,
// the sign over the query and the raw body, the document's structure for the
// method. It answers success or failure as scripted, and signs the requests a
// test sends back to Pallet's router (confirms, reports) with its secret.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export interface QimenReceived {
  readonly method: string;
  readonly params: Record<string, string>;
  /** The parsed body (the fake's own parser), null when it did not parse. */
  readonly doc: any;
  /** Why the fake found the request wrong; [] when it is a correct QiMen request. */
  readonly problems: string[];
  readonly answered: 'success' | 'failure' | 'http500' | 'hang';
}

export interface FakeQimenOptions {
  readonly appKey: string;
  readonly secret: string;
  readonly customerId: string;
  /** The warehouse code(s) this WMS serves for Pallet's owner id. */
  readonly warehouseCode: string | readonly string[];
}

/** The sign, written the way the protocol text says (independent of src/app/qimen.signature.ts). */
export function fakeSign(secret: string, params: Record<string, string>, body: Buffer | string): string {
  const pairs = Object.keys(params).filter((k) => k !== 'sign').sort().map((k) => k + params[k]).join('');
  return createHash('md5').update(Buffer.concat([Buffer.from(secret + pairs, 'utf8'), Buffer.from(body), Buffer.from(secret, 'utf8')]))
    .digest('hex').toUpperCase();
}

/** Beijing time as QiMen writes it. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false, isArray: (n) => ['orderLine', 'package', 'item', 'criteria'].includes(n) });
const builder = new XMLBuilder({ ignoreAttributes: true, processEntities: true });

export class FakeQimenWms {
  readonly received: QimenReceived[] = [];
  /** Answers for the next requests, in order; then `fallback`. */
  answers: QimenReceived['answered'][] = [];
  fallback: QimenReceived['answered'] = 'success';
  /**
   * The book stock inventory.query answers with, as lines per item code (several: batches; another inventory
   * type or warehouse code: lines a WMS also sends); an item without lines is not in the answer.
   */
  inventory = new Map<string, { quantity: number; lockQuantity?: number; inventoryType?: string; warehouseCode?: string }[]>();
  private server: Server | null = null;
  url = '';

  constructor(readonly opts: FakeQimenOptions) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(parts);
        const url = new URL(req.url ?? '/', 'http://fake');
        const params = Object.fromEntries(url.searchParams);
        const { problems, doc } = this.inspect(req.method ?? '', String(req.headers['content-type'] ?? ''), params, raw);
        const answered = problems.length > 0 ? 'failure' : (this.answers.shift() ?? this.fallback);
        this.received.push({ method: params.method ?? '', params, doc, problems, answered });
        if (answered === 'hang') return; // never answers: the client's timeout
        if (answered === 'http500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('wms is down');
        const message = problems.length > 0 ? problems.join('; ') : answered === 'failure' ? 'scripted failure' : 'ok';
        const extra = answered === 'success' ? this.answerOf(params.method ?? '', doc) : {};
        res.writeHead(200, { 'content-type': 'application/xml' })
          .end(`<?xml version="1.0" encoding="utf-8"?>${builder.build({ response: { flag: answered, code: answered === 'success' ? '0' : 'FAKE_FAIL', message, ...extra } })}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/router`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server === null ? resolve() : this.server.close(() => resolve())));
  }

  /** What a success answer carries beyond flag, code and message: the items of an inventory.query, the id of an entry order. */
  private answerOf(method: string, doc: any): Record<string, unknown> {
    if (method === 'taobao.qimen.inventory.query') {
      const item = (doc.request.criteriaList.criteria as { itemCode: string; warehouseCode: string }[]).flatMap((c) =>
        (this.inventory.get(c.itemCode) ?? []).map((l) => ({
          warehouseCode: l.warehouseCode ?? c.warehouseCode, itemCode: c.itemCode, inventoryType: l.inventoryType ?? 'ZP',
          quantity: String(l.quantity), lockQuantity: String(l.lockQuantity ?? 0),
        })));
      return { items: { item } };
    }
    if (method === 'taobao.qimen.entryorder.create') return { entryOrderId: `WMS-${doc.request.entryOrder.entryOrderCode as string}` };
    return {};
  }

  creates(): QimenReceived[] {
    return this.received.filter((r) => r.method === 'taobao.qimen.deliveryorder.create');
  }

  /** What is wrong with a request (system parameters, sign, document structure for its method), and its parsed body. */
  inspect(httpMethod: string, contentType: string, params: Record<string, string>, raw: Buffer): { problems: string[]; doc: any } {
    const problems = this.check(httpMethod, contentType, params, raw);
    let doc: any = null;
    try {
      doc = parser.parse(raw.toString('utf8'));
    } catch {
      problems.push('the body does not parse');
    }
    if (doc !== null) problems.push(...structureProblems(params.method ?? '', doc, this.opts));
    return { problems, doc };
  }

  private check(method: string, contentType: string, params: Record<string, string>, raw: Buffer): string[] {
    const problems: string[] = [];
    if (method !== 'POST') problems.push(`HTTP ${method}, not POST`);
    if (!/xml/.test(contentType)) problems.push(`content-type ${contentType}`);
    for (const name of ['method', 'timestamp', 'format', 'app_key', 'v', 'sign_method', 'customerId', 'sign']) {
      if (params[name] === undefined || params[name] === '') problems.push(`missing ${name}`);
    }
    if (params.format !== 'xml') problems.push('format is not xml');
    if (params.sign_method !== 'md5') problems.push('sign_method is not md5');
    if (params.app_key !== this.opts.appKey) problems.push('wrong app_key');
    if (params.customerId !== this.opts.customerId) problems.push('wrong customerId');
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp ?? '')) problems.push('timestamp is not yyyy-MM-dd HH:mm:ss');
    else if (Math.abs(Date.parse(`${params.timestamp!.replace(' ', 'T')}+08:00`) - Date.now()) > 600_000) problems.push('timestamp is not Beijing time now');
    if (params.sign !== fakeSign(this.opts.secret, params, raw)) problems.push('bad sign');
    return problems;
  }

  /** A signed request to Pallet's router: the URL (path and query) and the body, for the test to send. */
  signedRequest(routerPath: string, method: string, doc: object | string, over: { secret?: string; params?: Record<string, string | undefined>; nowMs?: number } = {}) {
    const body = typeof doc === 'string' ? doc : `<?xml version="1.0" encoding="utf-8"?>${builder.build(doc) as string}`;
    const [path, extra = ''] = routerPath.split('?');
    const params: Record<string, string> = {
      ...Object.fromEntries(new URLSearchParams(extra)), method, timestamp: beijingTime(over.nowMs ?? Date.now()), format: 'xml',
      app_key: this.opts.appKey, v: '2.0', sign_method: 'md5', customerId: this.opts.customerId,
    };
    for (const [k, v] of Object.entries(over.params ?? {})) {
      if (v === undefined) delete params[k];
      else params[k] = v;
    }
    params.sign = fakeSign(over.secret ?? this.opts.secret, params, body);
    return { url: `${path}?${new URLSearchParams(params).toString()}`, body };
  }
}

/** What a WMS needs in each method's document. */
function structureProblems(method: string, doc: any, opts: FakeQimenOptions): string[] {
  const problems: string[] = [];
  const req = doc?.request;
  if (req === undefined) return ['the body is not a <request> document'];
  const codes: readonly string[] = typeof opts.warehouseCode === 'string' ? [opts.warehouseCode] : opts.warehouseCode;
  if (method === 'taobao.qimen.deliveryorder.create') {
    const d = req.deliveryOrder;
    if (typeof d?.deliveryOrderCode !== 'string' || d.deliveryOrderCode === '') problems.push('deliveryOrder.deliveryOrderCode');
    if (d?.orderType !== 'JYCK') problems.push('deliveryOrder.orderType is not JYCK');
    if (!codes.includes(d?.warehouseCode)) problems.push('deliveryOrder.warehouseCode');
    if (typeof d?.sourcePlatformCode !== 'string') problems.push('deliveryOrder.sourcePlatformCode');
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(d?.createTime ?? '')) problems.push('deliveryOrder.createTime');
    for (const f of ['name', 'mobile', 'province', 'city', 'detailAddress']) if (typeof d?.receiverInfo?.[f] !== 'string') problems.push(`receiverInfo.${f}`);
    const lines = req.orderLines?.orderLine;
    if (!Array.isArray(lines) || lines.length === 0) problems.push('orderLines.orderLine');
    for (const l of lines ?? []) {
      if (typeof l.itemCode !== 'string' || !/^\d+$/.test(l.planQty ?? '')) problems.push('orderLine itemCode/planQty');
      if (l.ownerCode !== opts.customerId) problems.push('orderLine.ownerCode');
    }
  } else if (method === 'taobao.qimen.order.cancel') {
    if (typeof req.orderCode !== 'string' || !codes.includes(req.warehouseCode)) problems.push('order.cancel orderCode/warehouseCode');
  } else if (method === 'taobao.qimen.inventory.query') {
    const criteria = req.criteriaList?.criteria;
    if (!Array.isArray(criteria) || criteria.length === 0 || criteria.length > 100) problems.push('criteriaList.criteria: 1-100 expected');
    for (const c of criteria ?? []) {
      if (!codes.includes(c.warehouseCode) || c.ownerCode !== opts.customerId || typeof c.itemCode !== 'string' || c.itemCode === '') problems.push('criteria warehouseCode/ownerCode/itemCode');
    }
  } else if (method === 'taobao.qimen.entryorder.create') {
    const e = req.entryOrder;
    if (typeof e?.entryOrderCode !== 'string' || e.entryOrderCode === '') problems.push('entryOrder.entryOrderCode');
    if (!codes.includes(e?.warehouseCode) || e?.ownerCode !== opts.customerId) problems.push('entryOrder warehouseCode/ownerCode');
    if (typeof e?.orderType !== 'string' || e.orderType === '') problems.push('entryOrder.orderType');
    for (const f of ['orderCreateTime', 'expectStartTime']) {
      if (e?.[f] !== undefined && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(e[f])) problems.push(`entryOrder.${f}`);
    }
    const lines = req.orderLines?.orderLine;
    if (!Array.isArray(lines) || lines.length === 0) problems.push('orderLines.orderLine');
    for (const l of lines ?? []) {
      if (typeof l.itemCode !== 'string' || !/^[1-9]\d*$/.test(l.planQty ?? '') || l.ownerCode !== opts.customerId) problems.push('orderLine itemCode/planQty/ownerCode');
    }
  } else {
    problems.push(`a method this WMS does not serve: ${method}`);
  }
  return problems;
}

// ---------------------------------------------------------------- as a process (the fulfilment fault test)
//
// `node --import tsx test/faults/fake-qimen.ts` runs the fake as its own
// process, so the fault test can kill it with kill -9 and start it again on
// the same port. It serves the router (POST /router, every request checked as
// above) and, for each delivery order it has not seen, sends Pallet's router
// of that warehouse a signed deliveryorder.confirm ACCEPT, then DELIVERED with
// one package, one after the other. Its state is a journal (JSON lines,
// appended before it answers): `create` for every deliveryorder.create,
// `order` for the first one of a deliveryOrderCode, `problem` for a request
// it found wrong, `confirm` for each confirm Pallet answered success,
// `refused` for one Pallet answered failure (other than INTERNAL, which is
// retried). A restarted fake reads it and resumes the confirms it had not
// finished; a confirm's outBizCode is `<code>.<status>`, so one sent again
// after a crash counts once at Pallet.
//
// Environment: FAKE_QIMEN_PORT, FAKE_QIMEN_APP_KEY, FAKE_QIMEN_SECRET,
// FAKE_QIMEN_CUSTOMER_ID, FAKE_QIMEN_WAREHOUSES (JSON: the WMS's warehouse
// code → Pallet's warehouse id), FAKE_QIMEN_CORE (Pallet's base URL),
// FAKE_QIMEN_TENANT, FAKE_QIMEN_JOURNAL, FAKE_QIMEN_CHAINS_MAX (concurrent
// confirm chains, default 8).

export const qimenConfirmSteps = ['ACCEPT', 'DELIVERED'] as const;
type ConfirmStep = (typeof qimenConfirmSteps)[number];

export type QimenJournalEntry =
  | { readonly kind: 'create'; readonly code: string; readonly warehouseCode: string; readonly sourceOrderCode: string; readonly atMs: number }
  | { readonly kind: 'order'; readonly code: string; readonly warehouseCode: string; readonly sourceOrderCode: string; readonly atMs: number }
  | { readonly kind: 'problem'; readonly method: string; readonly problems: string[] }
  | { readonly kind: 'confirm'; readonly code: string; readonly status: ConfirmStep; readonly atMs: number }
  | { readonly kind: 'refused'; readonly code: string; readonly status: ConfirmStep; readonly answer: string };

/** The journal's entries (a line cut by a kill is skipped). */
export function readQimenJournal(path: string): QimenJournalEntry[] {
  if (!existsSync(path)) return [];
  const out: QimenJournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    try { out.push(JSON.parse(line) as QimenJournalEntry); } catch { /* cut by kill -9 */ }
  }
  return out;
}

const processBodyBytesMax = 1_048_576;
const confirmAttemptsMax = 400;
const confirmRetryMsMax = 500;

interface DeliveryOrder { readonly code: string; readonly warehouseCode: string; done: Set<ConfirmStep>; refused: boolean }

interface ProcessConfig {
  readonly opts: FakeQimenOptions;
  readonly warehouses: Readonly<Record<string, string>>;
  readonly core: string;
  readonly tenant: string;
}

const confirmDocument = (o: DeliveryOrder, status: ConfirmStep) => ({
  request: {
    deliveryOrder: { deliveryOrderCode: o.code, warehouseCode: o.warehouseCode, orderType: 'JYCK', status, outBizCode: `${o.code}.${status}`, confirmType: '0' },
    ...(status === 'DELIVERED'
      ? { packages: { package: [{ logisticsCode: 'SF', expressCode: `SF${o.code.replace(/[^A-Za-z0-9]/g, '').slice(-16)}`, weight: '0.5' }] } }
      : {}),
  },
});

/** One confirm to Pallet's router, retried while Pallet is away, answers non-200 or INTERNAL; the first other answer. */
async function sendConfirm(cfg: ProcessConfig, o: DeliveryOrder, status: ConfirmStep): Promise<{ flag: string; code: string; message: string }> {
  const warehouse = cfg.warehouses[o.warehouseCode]!;
  const routerPath = `/v1/warehouses/${encodeURIComponent(warehouse)}/qimen?tenant=${encodeURIComponent(cfg.tenant)}`;
  const answerParser = new XMLParser({ parseTagValue: false });
  let last = 'no attempt';
  for (let attempt = 0; attempt < confirmAttemptsMax; attempt++) {
    // Signed anew each time: the timestamp is now.
    const body = `<?xml version="1.0" encoding="utf-8"?>${builder.build(confirmDocument(o, status)) as string}`;
    const [path, query] = routerPath.split('?') as [string, string];
    const params: Record<string, string> = {
      ...Object.fromEntries(new URLSearchParams(query)), method: 'taobao.qimen.deliveryorder.confirm', timestamp: beijingTime(Date.now()),
      format: 'xml', app_key: cfg.opts.appKey, v: '2.0', sign_method: 'md5', customerId: cfg.opts.customerId,
    };
    params.sign = fakeSign(cfg.opts.secret, params, body);
    try {
      const r = await fetch(`${cfg.core}${path}?${new URLSearchParams(params).toString()}`, {
        method: 'POST', body, signal: AbortSignal.timeout(5_000), headers: { 'content-type': 'application/xml; charset=utf-8' },
      });
      const text = await r.text();
      if (r.status === 200) {
        const answer = (answerParser.parse(text) as { response?: { flag?: string; code?: string; message?: string } }).response ?? {};
        const got = { flag: String(answer.flag ?? ''), code: String(answer.code ?? ''), message: String(answer.message ?? '') };
        if (got.flag === 'success' || got.code !== 'INTERNAL') return got;
        last = `INTERNAL: ${got.message}`;
      } else {
        last = `HTTP ${r.status}`;
      }
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(confirmRetryMsMax, 50 * 2 ** Math.min(attempt, 4))));
  }
  return { flag: 'failure', code: 'GAVE_UP', message: `gave up after ${confirmAttemptsMax} attempts: ${last}` };
}

function processMain(): void {
  const env = (name: string): string => {
    const v = process.env[name];
    if (v === undefined || v === '') throw new Error(`${name} is required`);
    return v;
  };
  const port = Number(env('FAKE_QIMEN_PORT'));
  const warehouses = JSON.parse(env('FAKE_QIMEN_WAREHOUSES')) as Record<string, string>;
  const cfg: ProcessConfig = {
    opts: { appKey: env('FAKE_QIMEN_APP_KEY'), secret: env('FAKE_QIMEN_SECRET'), customerId: env('FAKE_QIMEN_CUSTOMER_ID'), warehouseCode: Object.keys(warehouses) },
    warehouses, core: env('FAKE_QIMEN_CORE'), tenant: env('FAKE_QIMEN_TENANT'),
  };
  const journal = env('FAKE_QIMEN_JOURNAL');
  const chainsMax = Number(process.env.FAKE_QIMEN_CHAINS_MAX ?? 8);
  const note = (e: QimenJournalEntry): void => appendFileSync(journal, `${JSON.stringify(e)}\n`);
  const check = new FakeQimenWms(cfg.opts);

  const orders = new Map<string, DeliveryOrder>();
  for (const e of readQimenJournal(journal)) {
    if (e.kind === 'order') orders.set(e.code, { code: e.code, warehouseCode: e.warehouseCode, done: new Set(), refused: false });
    else if (e.kind === 'confirm') orders.get(e.code)?.done.add(e.status);
    else if (e.kind === 'refused') { const o = orders.get(e.code); if (o) o.refused = true; }
  }

  // The chains waiting for a slot, and the number running (at most chainsMax).
  const waiting: DeliveryOrder[] = [...orders.values()].filter((o) => !o.refused && !o.done.has('DELIVERED'));
  let running = 0;
  const pump = (): void => {
    while (running < chainsMax && waiting.length > 0) {
      const o = waiting.shift()!;
      running++;
      void runChain(o).catch((err: unknown) => console.error(`chain ${o.code}: ${String(err)}`)).finally(() => { running--; pump(); });
    }
  };
  const runChain = async (o: DeliveryOrder): Promise<void> => {
    for (const status of qimenConfirmSteps) {
      if (o.done.has(status)) continue;
      const answer = await sendConfirm(cfg, o, status);
      if (answer.flag === 'success') {
        o.done.add(status);
        note({ kind: 'confirm', code: o.code, status, atMs: Date.now() });
      } else {
        o.refused = true;
        note({ kind: 'refused', code: o.code, status, answer: `${answer.code}: ${answer.message}`.slice(0, 500) });
        return;
      }
    }
  };

  const answer = (res: ServerResponse, flag: 'success' | 'failure', message: string): void =>
    void res.writeHead(200, { 'content-type': 'application/xml' })
      .end(`<?xml version="1.0" encoding="utf-8"?>${builder.build({ response: { flag, code: flag === 'success' ? '0' : 'FAKE_FAIL', message } }) as string}`);

  const onRouter = (req: IncomingMessage, res: ServerResponse, raw: Buffer): void => {
    const params = Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams);
    const { problems, doc } = check.inspect(req.method ?? '', String(req.headers['content-type'] ?? ''), params, raw);
    if (problems.length > 0) {
      note({ kind: 'problem', method: params.method ?? '', problems });
      return answer(res, 'failure', problems.join('; '));
    }
    if (params.method === 'taobao.qimen.deliveryorder.create') {
      const d = doc.request.deliveryOrder as { deliveryOrderCode: string; warehouseCode: string };
      const sourceOrderCode = String(doc.request.orderLines.orderLine[0].sourceOrderCode ?? '');
      const entry = { code: d.deliveryOrderCode, warehouseCode: d.warehouseCode, sourceOrderCode, atMs: Date.now() };
      note({ kind: 'create', ...entry });
      if (!orders.has(d.deliveryOrderCode)) {
        const o: DeliveryOrder = { code: d.deliveryOrderCode, warehouseCode: d.warehouseCode, done: new Set(), refused: false };
        orders.set(o.code, o);
        note({ kind: 'order', ...entry });
        waiting.push(o);
        pump();
      }
    }
    answer(res, 'success', 'ok');
  };

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
    if (req.method !== 'POST' || !(req.url ?? '').startsWith('/router?')) return void res.writeHead(404).end();
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= processBodyBytesMax) parts.push(c); });
    req.on('end', () => (size > processBodyBytesMax ? void res.writeHead(413).end() : onRouter(req, res, Buffer.concat(parts))));
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`fake QiMen WMS on ${port}: ${orders.size} delivery orders from the journal, ${waiting.length} chains to resume`);
    pump();
  });
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) processMain();
