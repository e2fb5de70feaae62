// `pallet reconcile`: runs reconcile once (optionally repairing, then checking
// again) and prints the drift, one line per drifted cell or reservation.
import { parseArgs } from 'node:util';
import type { VersionedCounters } from '../core/stock.types.ts';
import type { Output, ToolRuntime } from './command.port.ts';
import { driftCount, ReconcileService, type ReconcileOptions, type ReconcileReport } from './reconcile.service.ts';

export const reconcileUsage = `usage: pallet reconcile [--tenant <id>] [--repair] [--json]

Compares every stock cell in Redis with the stock ledger in PostgreSQL (and the live
reservations of both), waiting a little for events still in flight, and prints each
drifted cell. With --repair, sets the Redis counters of repairable cells from the ledger
(only where the ledger is complete) and checks again.
Exit status: 0 no drift, 1 drift (after --repair: drift left), 2 usage error.`;

const fmt = (c: VersionedCounters | null): string => (c === null ? '-' : `onHand=${c.onHand} reserved=${c.reserved} committed=${c.committed} v=${c.version}`);

export function formatReport(r: ReconcileReport): string[] {
  const lines = r.drift.map((d) => `DRIFT ${d.tenant} ${d.warehouse}/${d.sku} ${d.kind}  redis[${fmt(d.redis)}]  ledger[${fmt(d.ledger)}]${d.detail ? `  (${d.detail})` : ''}${d.repaired === undefined ? '' : d.repaired ? '  REPAIRED' : '  not repaired'}`);
  lines.push(...r.reservationDrift.map((d) => `DRIFT ${d.tenant} reservation ${d.reservationId} ${d.kind}  redis=${d.redis ?? '-'} postgres=${d.postgres ?? '-'}`));
  for (const t of r.skipped) lines.push(`SKIPPED ${t}: more reservation keys than the scan bound; reservations not checked`);
  lines.push(`${r.tenants} tenant(s), ${r.cellsChecked} cell(s), ${r.reservationsChecked} reservation(s) checked: ${driftCount(r)} drifted`);
  return lines;
}

const hasDrift = (r: ReconcileReport): boolean => driftCount(r) > 0;

/** `pallet reconcile [--tenant t] [--repair] [--json]`; returns the exit status. */
export async function runReconcileCommand(rt: ToolRuntime, argv: readonly string[], out: Output = console, opts: Omit<ReconcileOptions, 'repair'> = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { tenant: { type: 'string' }, repair: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    out.error(`pallet reconcile: ${(err as Error).message}\n\n${reconcileUsage}`);
    return 2;
  }
  if (args.help === true) {
    out.log(reconcileUsage);
    return 0;
  }
  const service = new ReconcileService(rt.ledger, rt.stockAdmin, opts);
  const first = await service.reconcile(args.tenant, { repair: args.repair === true });
  print(out, first, args.json === true);
  if (args.repair !== true || !hasDrift(first)) return hasDrift(first) ? 1 : 0;
  const after = await service.reconcile(args.tenant);
  out.log('after repair:');
  print(out, after, args.json === true);
  return hasDrift(after) ? 1 : 0;
}

function print(out: Output, r: ReconcileReport, json: boolean): void {
  if (json) out.log(JSON.stringify(r));
  else for (const line of formatReport(r)) out.log(line);
}
