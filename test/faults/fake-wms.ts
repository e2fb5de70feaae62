// A fake warehouse system for the fulfilment fault test, run as its own
// process (`node --import tsx test/faults/fake-wms.ts`) so it can be killed
// with kill -9 like the core. It takes pushed pick tasks (Pallet-Signature
// checked with the warehouse secret; anything else is 401) and, for each
// task it has not seen, calls the core back `accepted → picking → packed →
// shipped`, signed with the same secret, one step after the other.
//
// Its state is a journal (FAKE_WMS_JOURNAL, JSON lines, appended before it
// answers): `push` for every push received, `task` for the first push of a
// task, `step` for each callback the core answered 200, `refused` for one it
// answered 4xx. A restarted fake reads the journal and resumes the chains it
// had not finished; the callback id of a step is `<taskId>.<status>`, so a
// step sent again after a crash counts once at the core.
//
// Environment: FAKE_WMS_PORT, FAKE_WMS_SECRET, FAKE_WMS_CORE (the core's
// base URL), FAKE_WMS_TENANT, FAKE_WMS_JOURNAL, FAKE_WMS_CHAINS_MAX
// (concurrent callback chains, default 8).

import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseSignature, signPayload } from '../../src/app/payment.signature.ts';

export const wmsSteps = ['accepted', 'picking', 'packed', 'shipped'] as const;
type Step = (typeof wmsSteps)[number];

export type JournalEntry =
  | { readonly kind: 'push'; readonly taskId: string; readonly orderId: string; readonly warehouse: string; readonly atMs: number }
  | { readonly kind: 'task'; readonly taskId: string; readonly orderId: string; readonly warehouse: string; readonly atMs: number }
  | { readonly kind: 'step'; readonly taskId: string; readonly status: Step; readonly atMs: number }
  | { readonly kind: 'refused'; readonly taskId: string; readonly status: Step; readonly answer: number; readonly body: string };

/** The journal's entries (a line cut by a kill is skipped). */
export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  const out: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    try { out.push(JSON.parse(line) as JournalEntry); } catch { /* cut by kill -9 */ }
  }
  return out;
}

const bodyBytesMax = 1_048_576;
const callbackAttemptsMax = 400;
const callbackRetryMsMax = 500;

interface Task { readonly taskId: string; readonly orderId: string; readonly warehouse: string; done: Set<Step>; refused: boolean }

/** One callback, retried while the core is away or answers 5xx; the first other answer. */
async function callBack(cfg: { core: string; tenant: string; secret: string }, task: Task, status: Step): Promise<{ status: number; body: string }> {
  const { core, tenant, secret } = cfg;
  const parcels = [{ carrier: 'SF', trackingNumber: `SF${task.taskId.replace(/[^A-Za-z0-9]/g, '').slice(-16)}`, weightGrams: 500 }];
  const raw = Buffer.from(JSON.stringify({
    callbackId: `${task.taskId}.${status}`, taskId: task.taskId, orderId: task.orderId, status,
    ...(status === 'packed' || status === 'shipped' ? { parcels } : {}),
  }));
  let last = 'no attempt';
  for (let attempt = 0; attempt < callbackAttemptsMax; attempt++) {
    const t = Math.floor(Date.now() / 1000);
    try {
      const r = await fetch(`${core}/v1/warehouses/${encodeURIComponent(task.warehouse)}/callbacks`, {
        method: 'POST', body: raw, signal: AbortSignal.timeout(5_000),
        headers: { 'content-type': 'application/json', 'pallet-tenant': tenant, 'pallet-signature': `t=${t},v1=${signPayload(secret, t, raw)}` },
      });
      const body = await r.text();
      if (r.status < 500) return { status: r.status, body };
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(callbackRetryMsMax, 50 * 2 ** Math.min(attempt, 4))));
  }
  return { status: 0, body: `gave up after ${callbackAttemptsMax} attempts: ${last}` };
}

function main(): void {
  const env = (name: string): string => {
    const v = process.env[name];
    if (v === undefined || v === '') throw new Error(`${name} is required`);
    return v;
  };
  const port = Number(env('FAKE_WMS_PORT'));
  const secret = env('FAKE_WMS_SECRET');
  const core = env('FAKE_WMS_CORE');
  const tenant = env('FAKE_WMS_TENANT');
  const journal = env('FAKE_WMS_JOURNAL');
  const chainsMax = Number(process.env.FAKE_WMS_CHAINS_MAX ?? 8);
  const note = (e: JournalEntry): void => appendFileSync(journal, `${JSON.stringify(e)}\n`);

  const tasks = new Map<string, Task>();
  for (const e of readJournal(journal)) {
    if (e.kind === 'task') tasks.set(e.taskId, { taskId: e.taskId, orderId: e.orderId, warehouse: e.warehouse, done: new Set(), refused: false });
    else if (e.kind === 'step') tasks.get(e.taskId)?.done.add(e.status);
    else if (e.kind === 'refused') { const t = tasks.get(e.taskId); if (t) t.refused = true; }
  }

  // The chains waiting for a slot, and the number running (at most chainsMax).
  const waiting: Task[] = [...tasks.values()].filter((t) => !t.refused && !t.done.has('shipped'));
  let running = 0;
  const pump = (): void => {
    while (running < chainsMax && waiting.length > 0) {
      const task = waiting.shift()!;
      running++;
      void runChain(task).catch((err: unknown) => console.error(`chain ${task.taskId}: ${String(err)}`)).finally(() => { running--; pump(); });
    }
  };

  const runChain = async (task: Task): Promise<void> => {
    for (const status of wmsSteps) {
      if (task.done.has(status)) continue;
      const answer = await callBack({ core, tenant, secret }, task, status);
      if (answer.status === 200) {
        task.done.add(status);
        note({ kind: 'step', taskId: task.taskId, status, atMs: Date.now() });
      } else {
        task.refused = true;
        note({ kind: 'refused', taskId: task.taskId, status, answer: answer.status, body: answer.body.slice(0, 500) });
        return;
      }
    }
  };

  const onTask = (req: IncomingMessage, res: ServerResponse, raw: Buffer): void => {
    const sig = parseSignature(String(req.headers['pallet-signature'] ?? ''));
    const signed = sig !== null && sig.v1.some((v) => v.toString('hex') === signPayload(secret, sig.t, raw));
    if (!signed) return void res.writeHead(401).end('bad signature');
    let body: { taskId?: unknown; orderId?: unknown; warehouse?: unknown };
    try { body = JSON.parse(raw.toString('utf8')) as typeof body; } catch { return void res.writeHead(400).end('not JSON'); }
    const { taskId, orderId, warehouse } = body;
    if (typeof taskId !== 'string' || typeof orderId !== 'string' || typeof warehouse !== 'string') return void res.writeHead(400).end('taskId, orderId, warehouse required');
    note({ kind: 'push', taskId, orderId, warehouse, atMs: Date.now() });
    if (!tasks.has(taskId)) {
      const task: Task = { taskId, orderId, warehouse, done: new Set(), refused: false };
      tasks.set(taskId, task);
      note({ kind: 'task', taskId, orderId, warehouse, atMs: Date.now() });
      waiting.push(task);
      pump();
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  };

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
    if (req.method !== 'POST' || req.url !== '/tasks') return void res.writeHead(404).end();
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= bodyBytesMax) parts.push(c); });
    req.on('end', () => (size > bodyBytesMax ? void res.writeHead(413).end() : onTask(req, res, Buffer.concat(parts))));
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`fake WMS on ${port}: ${tasks.size} tasks from the journal, ${waiting.length} chains to resume`);
    pump();
  });
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) main();
