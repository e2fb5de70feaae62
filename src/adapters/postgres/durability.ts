// Reads the PostgreSQL persistence settings behind a commit (fsync,
// synchronous_commit, as SHOW reports them) on one of the process's own pooled
// connections, so a per-role or per-database override of synchronous_commit
// is what is seen. What they mean is judged in src/core/durability.rules.ts.
import type { PostgresPersistence } from '../../core/durability.rules.ts';
import type { Sql } from './sql.ts';

/** The settings, or nulls with the reason when PostgreSQL does not answer. */
export async function readPostgresPersistence(sql: Sql): Promise<PostgresPersistence> {
  try {
    // current_setting() is SHOW as a function: both values from one statement, one session.
    const [row] = await sql<{ fsync: string; synchronous_commit: string }[]>`
      select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit`;
    return { fsync: row?.fsync ?? null, synchronousCommit: row?.synchronous_commit ?? null };
  } catch (err) {
    return { fsync: null, synchronousCommit: null, unknownReason: `SHOW failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
