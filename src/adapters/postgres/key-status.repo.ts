// Whether API keys are still live, for the dashboard fanout (ws role): a
// board connection opened with a dashboard token lasts only as long as the
// key the token was issued for. Reads `api_keys` (001_catalog.sql): a key
// whose row is missing, or has `revoked_at` set, is not live.
import type { KeyStatus } from '../../app/board.port.ts';
import type { Sql } from './sql.ts';

/** Ids per query: one round trip for the open connections of a busy server, and a bounded parameter list. */
export const keyIdsPerQueryMax = 1_000;

export class KeyStatusRepo implements KeyStatus {
  constructor(private readonly sql: Sql) {}

  async liveKeys(keyIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(keyIds)];
    for (let i = 0; i < unique.length; i += keyIdsPerQueryMax) {
      const batch = unique.slice(i, i + keyIdsPerQueryMax);
      const rows = await this.sql<{ id: string; tenant_id: string }[]>`
        select id, tenant_id from api_keys
        where id = any(${batch}::text[]) and revoked_at is null`;
      for (const r of rows) out.set(r.id, r.tenant_id);
    }
    return out;
  }
}
