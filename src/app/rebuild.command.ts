// `pallet rebuild`: drains the projector (unless --no-drain), then rebuilds
// the Redis stock state from PostgreSQL (rebuild.service.ts) and prints what
// it restored and every problem.
import { parseArgs } from 'node:util';
import type { Output, RebuildRuntime } from './command.port.ts';
import { RebuildService } from './rebuild.service.ts';

export const rebuildUsage = `usage: pallet rebuild [--tenant <id>] [--drain-timeout-seconds <n>] [--no-drain]

Rebuilds the Redis stock state (stock cells, live reservations, expiry index, catalog
version) from PostgreSQL after Redis lost it. First drains the projector (every event
already in JetStream is written to PostgreSQL), unless --no-drain. Never overwrites a
cell or reservation Redis still has. Run it with the API stopped.
Exit status: 0 rebuilt, 1 problems (listed) or the projector did not drain, 2 usage error.`;

/** `pallet rebuild [--tenant t] [--drain-timeout-seconds n] [--no-drain]`; returns the exit status. */
export async function runRebuildCommand(rt: RebuildRuntime, argv: readonly string[], out: Output = console): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv], strict: true, allowPositionals: false,
      options: { tenant: { type: 'string' }, 'drain-timeout-seconds': { type: 'string' }, 'no-drain': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (err) {
    out.error(`pallet rebuild: ${(err as Error).message}\n\n${rebuildUsage}`);
    return 2;
  }
  if (args.help === true) {
    out.log(rebuildUsage);
    return 0;
  }
  const timeoutSeconds = Number(args['drain-timeout-seconds'] ?? '60');
  if (!Number.isSafeInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 86_400) {
    out.error(`pallet rebuild: --drain-timeout-seconds must be an integer in 1..86400\n\n${rebuildUsage}`);
    return 2;
  }
  if (args['no-drain'] !== true) {
    if (rt.drain === undefined) {
      out.error('pallet rebuild: no NATS connection to drain the projector with; pass --no-drain to rebuild from PostgreSQL as it is');
      return 2;
    }
    if (!(await rt.drain(timeoutSeconds * 1000))) {
      out.error(`pallet rebuild: the projector did not drain within ${timeoutSeconds} s; nothing rebuilt`);
      return 1;
    }
    out.log('projector drained');
  }
  const report = await new RebuildService(rt.ledger, rt.stockAdmin).rebuildStock(args.tenant);
  for (const p of report.problems) out.log(`PROBLEM ${p.tenant} ${p.subject}: ${p.problem}`);
  out.log(`${report.tenants} tenant(s): ${report.cellsRestored} cell(s) restored, ${report.cellsPresent} present; ` +
    `${report.reservationsRestored} reservation(s) restored, ${report.reservationsPresent} present; ${report.problems.length} problem(s)`);
  return report.problems.length > 0 ? 1 : 0;
}
