// The `pallet` command line: serve, migrate, seed-demo, start.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildRuntime, createRelay, runMigrations, serve, type Runtime } from './main.ts';
import { applyTopology } from './adapters/nats/topology.ts';
import { tailState } from './app/tail-check.service.ts';
import { JetStreamEventStream } from './adapters/nats/event-stream.ts';
import { RedisAckLog } from './adapters/redis/ack-log.ts';
import { seedDemo } from './demo/demo.seed.ts';
import { runReconcileCommand } from './app/reconcile.command.ts';
import { runRebuildCommand } from './app/rebuild.command.ts';
import { keysUsage, runKeysCommand } from './app/keys.command.ts';
import { auditUsage, runAuditCommand } from './app/audit.command.ts';
import { OrderAuditRepo } from './adapters/postgres/order-audit.repo.ts';
import { CatalogRepo } from './adapters/postgres/catalog.repo.ts';
import { createSql } from './adapters/postgres/sql.ts';
import { drainProjector } from './roles/projector.role.ts';
import { installProcessPolicy } from './process-policy.ts';
import { DurabilityRequiredError } from './app/durability.service.ts';
import { detachFromSupervisorChannel, isSupervisedChild, runSupervisor, serveAsChild, supervisorProblems } from './supervisor.ts';

const help: Record<string, string> = {
  pallet: `usage: pallet <command> [--help]

commands:
  start       migrate, seed the demo tenant if absent, print demo keys and URLs, serve (what npm start runs)
  serve       serve the HTTP API and run the reservation expiry sweeper
  migrate     apply PostgreSQL migrations to the namespace's schema
  seed-demo   create the demo tenant (warehouses, SKUs, bundles, stock) if absent and print its keys
  reconcile   compare every Redis stock cell with the PostgreSQL ledger; --repair fixes Redis
  rebuild     rebuild Redis stock cells and live reservations from PostgreSQL after Redis was lost
  keys        list a tenant's API keys, or revoke one (pallet keys --help)
  audit       verify the hash chains of the order audit trail (pallet audit --help)
  refill      after JetStream lost its unsynced tail (power loss): move consumers that are ahead of the
              stream back and publish again what the stream may lack (outbox above the projector's
              watermark, payment journal); duplicates are dropped

Configuration comes from the environment (REDIS_URL, DATABASE_URL, NATS_URL, PALLET_*); see README.md.`,
  start: `usage: pallet start [--single]

Applies migrations, seeds the demo tenant when it is absent, prints the demo API keys
and URLs, then serves: PALLET_API_WORKERS processes run the API on the shared port and
one more process runs the other roles, all watched and restarted by this one (see README,
"Processes"). --single (or PALLET_SUPERVISOR=0) serves every role in this one process.
Without PALLET_ADMIN_KEY, an operator key is generated once and kept in
PALLET_DATA_DIR/admin-key (default .data/admin-key).`,
  serve: `usage: pallet serve

Serves the HTTP API on PALLET_HTTP_HOST:PALLET_HTTP_PORT (default 127.0.0.1:3000) and
sweeps expired reservations every PALLET_SWEEP_INTERVAL_MS. Stops cleanly on SIGINT/SIGTERM.`,
  migrate: `usage: pallet migrate

Creates the schema named PALLET_NAMESPACE in DATABASE_URL if needed and applies the
numbered migrations that are not yet applied. Safe to run from several processes at once.`,
  refill: `usage: pallet refill [--since-seconds N]

The relay role does this by itself when the stream's last sequence falls below the highest
sequence a publisher saw acknowledged (checked every PALLET_TAIL_CHECK_MS). Run it by hand
after a power loss that took NATS and Pallet down together within one check interval, when
that signal may be missing. Safe to run at any time: whatever JetStream still holds is
deduplicated by message id or by the consumers' idempotency. Prints what it did.
Consumers go back to the first message stored N seconds ago (default 150: JetStream's sync
interval plus margin), or earlier when the acknowledgement log reaches further back; give
a larger N when NATS came back long after it lost power.`,
  'seed-demo': `usage: pallet seed-demo

Creates the demo tenant with three warehouses, SKUs, two bundles and stock levels when it
is absent, and prints its API keys (kept in .data/demo-keys.json).`,
};

async function main(argv: string[]): Promise<number> {
  detachFromSupervisorChannel();
  const command = argv[0];
  if (command === 'reconcile' || command === 'rebuild') return tool(command, argv.slice(1));
  if (command === 'keys') return keysTool(argv.slice(1));
  if (command === 'audit') return auditTool(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { help: { type: 'boolean', short: 'h' }, 'since-seconds': { type: 'string' }, single: { type: 'boolean' } },
  });
  if (command === undefined || command === 'help') {
    console.log(help.pallet);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  if (help[command] === undefined || command === 'pallet') {
    console.error(`pallet: unknown command ${JSON.stringify(command)}\n\n${help.pallet}`);
    return 2;
  }
  if (values.help === true) {
    console.log(help[command]);
    return 0;
  }
  if (command === 'start') return start(withAdminKey(loadConfig()), values.single === true);
  const config = loadConfig();
  const rt = await buildRuntime(config);
  try {
    switch (command) {
      case 'migrate': {
        const applied = await runMigrations(rt);
        console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
        return 0;
      }
      case 'seed-demo': {
        await runMigrations(rt);
        const seeded = await seedDemo(rt, join(config.dataDir, 'demo-keys.json'));
        printDemo(config, seeded.created, seeded.keys);
        return 0;
      }
      case 'serve':
        return await serveUntilSignal(rt);
      case 'refill': {
        const jsm = await rt.nats.jsm();
        await applyTopology(jsm, config.namespace, config.events);
        const tail = await tailState(new RedisAckLog(rt.redis.next(), config.namespace), new JetStreamEventStream(jsm, config.namespace));
        console.log(tail.intact ? 'the event log holds every logged acknowledged message; refilling anyway' : `the event log lost acknowledged messages: ${tail.reason}`);
        const sinceSeconds = values['since-seconds'] === undefined ? 150 : Number(values['since-seconds']);
        if (!Number.isSafeInteger(sinceSeconds) || sinceSeconds < 0) {
          console.error('pallet refill: --since-seconds must be a whole number of seconds ≥ 0');
          return 2;
        }
        const report = await createRelay(rt).guard.repair(tail.earliest, tail.lost?.seq ?? 0, tail.intact ? 'pallet refill' : tail.reason,
          { force: true, sinceMs: Date.now() - sinceSeconds * 1000 });
        if (report === null) {
          console.error('pallet refill: another instance is repairing the event log right now; try again later');
          return 1;
        }
        const moved = report.consumersMoved.map((c) => `${c.name} ${c.from}→${c.to}`).join(', ') || 'none';
        console.log(`stream last sequence ${report.lastSeq}; consumers moved back: ${moved}; tenants ${report.tenants}; `
          + `republished ${report.outboxRepublished} outbox entries and ${report.journalRepublished} payment events in ${report.ms} ms`);
        return 0;
      }
      default:
        return 2;
    }
  } finally {
    await rt.close();
  }
}

/** Migrates, seeds and prints in this process; then serves here (single) or supervises the role processes. */
async function start(config: Config, single: boolean): Promise<number> {
  const supervised = config.supervisor.enabled && !single;
  const problems = supervised ? supervisorProblems(config) : [];
  if (problems.length > 0) throw new ConfigError(problems);
  const rt = await buildRuntime(config);
  try {
    const applied = await runMigrations(rt);
    if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
    const seeded = await seedDemo(rt, join(config.dataDir, 'demo-keys.json'));
    printDemo(config, seeded.created, seeded.keys);
    if (!supervised) return await serveUntilSignal(rt);
    // Once here, so the children do not race to create the streams and consumers.
    await applyTopology(await rt.nats.jsm(), config.namespace, config.events);
  } finally {
    await rt.close();
  }
  return runSupervisor(config);
}

/** reconcile and rebuild parse their own flags and print their own usage. */
async function tool(command: 'reconcile' | 'rebuild', args: string[]): Promise<number> {
  const rt = await buildRuntime(loadConfig());
  try {
    if (command === 'reconcile') return await runReconcileCommand(rt, args);
    const { config } = rt;
    const drain = (ms: number) => drainProjector({ nats: rt.nats, store: rt.ledger, redis: rt.redis, namespace: config.namespace, events: config.events, log: rt.log, metrics: rt.metrics }, ms);
    return await runRebuildCommand({ ...rt, ledger: rt.ledger, stockAdmin: rt.stockAdmin, drain }, args);
  } finally {
    await rt.close();
  }
}

/** `keys` parses its own flags and prints its own usage. */
async function keysTool(args: string[]): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h') || args[0] === 'help') {
    if (args.length === 0) console.error(keysUsage);
    else console.log(keysUsage);
    return args.length === 0 ? 2 : 0;
  }
  const rt = await buildRuntime(loadConfig());
  try {
    return await runKeysCommand(rt.store, args);
  } finally {
    await rt.close();
  }
}

/** `audit` needs PostgreSQL only; it parses its own flags and prints its own usage. */
async function auditTool(args: string[]): Promise<number> {
  if (args.length === 0) {
    console.error(auditUsage);
    return 2;
  }
  const sql = createSql(loadConfig());
  try {
    return await runAuditCommand({ tenants: new CatalogRepo(sql), chains: new OrderAuditRepo(sql) }, args);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function serveUntilSignal(rt: Runtime): Promise<number> {
  installProcessPolicy(rt.log, rt.metrics.registry);
  return new Promise((resolve, reject) => {
    serve(rt).then((server) => {
      if (isSupervisedChild()) {
        serveAsChild(server, rt.log).then(() => resolve(0), reject);
        return;
      }
      if (server.url !== null) console.log(`pallet: serving ${server.url}  (OpenAPI: ${server.url}/docs, board: ${server.url}/dashboard/)`);
      if (server.wsPort !== null) console.log(`pallet: live board WebSocket on port ${server.wsPort}`);
      if (server.metricsUrl !== null) console.log(`pallet: Prometheus metrics on ${server.metricsUrl}`);
      const stop = (signal: string) => {
        rt.log.info({ signal }, 'stopping');
        server.stop().then(() => resolve(0), reject);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }, reject);
  });
}

/** `start` is for a developer machine: generate an operator key once if none is configured. */
function withAdminKey(config: Config): Config {
  if (config.adminKey !== null) return config;
  const { dataDir } = config;
  const file = join(dataDir, 'admin-key');
  let key = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (key.length < 16) {
    key = `op_${randomBytes(24).toString('base64url')}`;
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
  }
  return Object.freeze({ ...config, adminKey: key });
}

function printDemo(config: Config, created: boolean, keys: { tenant: string; admin: string; checkout: string; read: string }): void {
  const base = `http://${config.httpHost}:${config.httpPort}`;
  console.log([
    '',
    `demo tenant "${keys.tenant}" ${created ? 'created' : 'already present'}`,
    `  checkout key: ${keys.checkout}`,
    `  admin key:    ${keys.admin}`,
    `  read key:     ${keys.read}`,
    ...(config.adminKey !== null ? [`  operator key: ${config.adminKey}`] : []),
    `  API:      ${base}/v1   docs: ${base}/docs`,
    `  board:    ${base}/dashboard/#key=${keys.read}`,
    `  try:      curl -s -H 'Authorization: Bearer ${keys.read}' ${base}/v1/stock/YD-2026`,
    '',
  ].join('\n'));
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
  if (err instanceof ConfigError || err instanceof DurabilityRequiredError) console.error(`pallet: ${err.message}`);
  else console.error('pallet: failed:', err);
  process.exitCode = 1;
});
