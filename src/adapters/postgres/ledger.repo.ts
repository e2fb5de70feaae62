// The ledger repository as the composition root wires it: one object on one
// connection pool that is the projector's LedgerStore (writes,
// ledger.write.repo.ts) and the reads of the ledger service, reconcile and
// rebuild (ledger.read.repo.ts). Row mapping: ledger.mapping.ts; what an
// envelope must satisfy to be written: ledger.validation.ts.
import type { LedgerStore } from '../../app/ledger.port.ts';
import type { Envelope } from '../events/envelope.codec.ts';
import { LedgerReadRepo } from './ledger.read.repo.ts';
import { LedgerWriteRepo } from './ledger.write.repo.ts';
import type { Sql } from './sql.ts';

export class LedgerRepo extends LedgerReadRepo implements LedgerStore<Envelope> {
  private readonly writer: LedgerWriteRepo;

  constructor(sql: Sql) {
    super(sql);
    this.writer = new LedgerWriteRepo(sql);
  }

  /** See LedgerWriteRepo.projectBatch: one transaction per batch, idempotent by event id. */
  projectBatch(envelopes: readonly Envelope[]): Promise<{ inserted: number }> {
    return this.writer.projectBatch(envelopes);
  }

  /** Whether PostgreSQL answers. */
  ping(): Promise<boolean> {
    return this.writer.ping();
  }
}
