// What a serving process does with an error nobody caught.
//
// - An unhandled promise rejection is a bug in one code path (a role's
//   fire-and-forget step, a handler that forgot a catch). Node's default is
//   to kill the process, and with it every role it runs: one bad WebSocket
//   frame would take the API, the relay and the projector down. Here it is
//   logged at error with its stack, counted in
//   `pallet_unexpected_errors_total{kind="unhandled_rejection"}`, and the
//   process keeps serving. Every role keeps its own state consistent per step
//   (each step is one atomic script, one acked batch), so a step that failed
//   is retried by the role's own loop.
// - An uncaught exception is logged and counted the same way, then the
//   process exits with code 70: a synchronous throw may have left a native
//   handle (a socket, a uWS callback) half done, and a supervisor restarts
//   the process (systemd, Kubernetes, or `pallet start`'s own).
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

export interface ProcessPolicy {
  readonly unexpected: Counter<'kind'>;
  uninstall(): void;
}

const exitCodeSoftware = 70;

export function installProcessPolicy(log: Logger, registry: Registry, exit: (code: number) => void = (c) => process.exit(c)): ProcessPolicy {
  const existing = registry.getSingleMetric('pallet_unexpected_errors_total') as Counter<'kind'> | undefined;
  const unexpected = existing ?? new Counter({
    name: 'pallet_unexpected_errors_total',
    help: 'Errors no code path handled: unhandled promise rejections (logged, process keeps serving) and uncaught exceptions (process exits)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const onRejection = (reason: unknown): void => {
    unexpected.inc({ kind: 'unhandled_rejection' });
    log.error({ err: reason }, 'unhandled promise rejection (a bug: logged, counted, process keeps serving)');
  };
  const onException = (err: Error): void => {
    unexpected.inc({ kind: 'uncaught_exception' });
    log.fatal({ err }, 'uncaught exception: exiting for a restart');
    exit(exitCodeSoftware);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    unexpected,
    uninstall() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
