// What the operator commands of app/ (`pallet reconcile|rebuild|keys`) need
// from the process: where they print, and the stores (the composition root
// provides them).
import type { LedgerReader, StockAdmin } from './ledger.port.ts';

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** What the reconcile and rebuild commands read and repair. */
export interface ToolRuntime {
  readonly ledger: LedgerReader;
  readonly stockAdmin: StockAdmin;
}

/** What the rebuild command needs besides: a way to drain the projector first. */
export interface RebuildRuntime extends ToolRuntime {
  /** Runs the projector until JetStream has nothing pending for it; false on timeout. */
  readonly drain?: (timeoutMs: number) => Promise<boolean>;
}
