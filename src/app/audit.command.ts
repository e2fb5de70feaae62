// `pallet audit verify`: recomputes every order's audit hash chain, page by
// page (memory holds one page and one order's position, whatever the table
// size), and prints the first broken entry of each broken chain.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  chainStart, verifyChain, verifyHead, type AuditEntry, type ChainPoint, type ChainVerdict, type Sha256,
} from '../core/audit.chain.ts';
import type { AuditChainCursor, AuditChainRow, AuditChainSource } from './audit.port.ts';
import type { CatalogStore } from './catalog.port.ts';
import type { Output } from './command.port.ts';

export const auditUsage = `usage: pallet audit verify [--tenant <id>] [--json]

Recomputes the hash chain of every order's audit trail (of one tenant with --tenant,
else of every tenant) and compares its end with the head the order records. Prints the
first broken entry of each broken chain: a missing entry, an entry whose content or
hash was changed, or entries removed from the end.
Exit status: 0 every chain intact, 1 a chain is broken (or no such tenant), 2 usage error.`;

export interface AuditRuntime {
  readonly tenants: Pick<CatalogStore, 'getTenant' | 'listTenantIds'>;
  readonly chains: AuditChainSource;
}

export interface AuditVerifyOptions {
  /** Rows read per query (orders × entries). */
  readonly pageRows?: number;
  /** Tenant ids read per query. */
  readonly tenantPage?: number;
}

export interface BrokenChain {
  readonly tenant: string;
  readonly orderId: string;
  /** 0 for an orphan: entries whose order row is gone. */
  readonly firstBrokenSeq: number;
  readonly reason: string;
  readonly detail: string;
}

export interface AuditTally {
  tenants: number;
  orders: number;
  entries: number;
  broken: number;
}

const sha256: Sha256 = (data) => createHash('sha256').update(data).digest();
const orphansReportedMax = 100;

/** `pallet audit verify [--tenant t] [--json]`; returns the exit status. */
export async function runAuditCommand(rt: AuditRuntime, argv: readonly string[], out: Output = console, opts: AuditVerifyOptions = {}): Promise<number> {
  const [verb, ...rest] = argv;
  let args;
  try {
    args = parseArgs({ args: rest, strict: true, allowPositionals: false, options: { tenant: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    out.error(`pallet audit: ${(err as Error).message}\n\n${auditUsage}`);
    return 2;
  }
  if (args.help === true || verb === 'help' || verb === '--help' || verb === '-h') {
    out.log(auditUsage);
    return 0;
  }
  if (verb !== 'verify') {
    out.error(`pallet audit: unknown subcommand ${JSON.stringify(verb ?? '')}\n\n${auditUsage}`);
    return 2;
  }
  if (args.tenant !== undefined && (await rt.tenants.getTenant(args.tenant)) === null) {
    out.error(`pallet audit: no tenant ${args.tenant}`);
    return 1;
  }
  const json = args.json === true;
  const report = (b: BrokenChain): void => out.log(json ? JSON.stringify(b) : formatBroken(b));
  const tally = await verifyAudit(rt, args.tenant, report, opts);
  out.log(json ? JSON.stringify(tally) : `${tally.tenants} tenant(s), ${tally.orders} order(s), ${tally.entries} audit entries checked: ${tally.broken} broken chain(s)`);
  return tally.broken > 0 ? 1 : 0;
}

export function formatBroken(b: BrokenChain): string {
  return `BROKEN ${b.tenant} order ${b.orderId} seq ${b.firstBrokenSeq} ${b.reason}: ${b.detail}`;
}

/** Verifies one tenant (or every tenant), calling `report` for each broken chain. */
export async function verifyAudit(rt: AuditRuntime, tenant: string | undefined, report: (b: BrokenChain) => void, opts: AuditVerifyOptions = {}): Promise<AuditTally> {
  const tally: AuditTally = { tenants: 0, orders: 0, entries: 0, broken: 0 };
  const pageRows = opts.pageRows ?? 1000;
  const note = (b: BrokenChain): void => { tally.broken++; report(b); };
  if (tenant !== undefined) {
    await verifyTenant(rt.chains, tenant, pageRows, tally, note);
    return tally;
  }
  const tenantPage = opts.tenantPage ?? 500;
  let afterId: string | undefined;
  for (let ids = await rt.tenants.listTenantIds(tenantPage); ids.length > 0; ids = await rt.tenants.listTenantIds(tenantPage, afterId)) {
    for (const id of ids) await verifyTenant(rt.chains, id, pageRows, tally, note);
    afterId = ids[ids.length - 1];
    if (ids.length < tenantPage) break;
  }
  return tally;
}

/** One order's walk along its chain. */
interface Walk {
  readonly orderId: string;
  /** The latest head read for the order (later pages may read a longer chain and a newer head). */
  head: ChainPoint;
  last: ChainPoint;
  broken: Extract<ChainVerdict, { ok: false }> | null;
}

async function verifyTenant(src: AuditChainSource, tenant: string, pageRows: number, tally: AuditTally, note: (b: BrokenChain) => void): Promise<void> {
  tally.tenants++;
  const finish = (w: Walk | null): void => {
    if (w === null) return;
    const verdict = w.broken ?? verifyHead(w.last, w.head);
    if (!verdict.ok) note({ tenant, orderId: w.orderId, firstBrokenSeq: verdict.firstBrokenSeq, reason: verdict.reason, detail: verdict.detail });
  };
  let walk: Walk | null = null;
  let from: AuditChainCursor | null = null;
  for (;;) {
    const rows: AuditChainRow[] = await src.readChainPage(tenant, from, pageRows);
    for (const row of rows) {
      if (walk === null || walk.orderId !== row.orderId) {
        finish(walk);
        walk = { orderId: row.orderId, head: row.head, last: chainStart(), broken: null };
        tally.orders++;
      }
      walk.head = row.head;
      if (row.entry !== null) {
        tally.entries++;
        step(walk, row.entry);
      }
    }
    const lastRow = rows[rows.length - 1];
    if (rows.length < pageRows || lastRow === undefined) break;
    from = { orderId: lastRow.orderId, seq: lastRow.entry?.seq ?? 0 };
  }
  finish(walk);
  for (const orderId of await src.orphanedOrderIds(tenant, orphansReportedMax)) {
    note({ tenant, orderId, firstBrokenSeq: 0, reason: 'orphaned', detail: 'audit entries of an order that does not exist' });
  }
}

function step(w: Walk, entry: AuditEntry): void {
  if (w.broken !== null) return;
  const verdict = verifyChain([entry], sha256, w.last);
  if (verdict.ok) w.last = verdict.last;
  else w.broken = verdict;
}
