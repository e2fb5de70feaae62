// Payment callback secrets in PostgreSQL: one per tenant, replaced on rotation.
import postgres from 'postgres';
import type { PaymentSecretStore } from '../../app/payment.port.ts';
import type { Sql } from './sql.ts';

export class PaymentSecretRepo implements PaymentSecretStore {
  constructor(private readonly sql: Sql) {}

  /** The tenant's current secret, or null (unknown tenant, or none created yet). */
  async findSecret(tenantId: string): Promise<string | null> {
    const [row] = await this.sql<{ secret: string }[]>`
      select secret from payment_secrets where tenant_id = ${tenantId}`;
    return row?.secret ?? null;
  }

  /** Creates or replaces the tenant's secret; false when the tenant does not exist. */
  async putSecret(tenantId: string, secret: string): Promise<boolean> {
    const sql = this.sql;
    const row = sql({ tenant_id: tenantId, secret }, 'tenant_id', 'secret');
    try {
      await sql`
        insert into payment_secrets ${row}
        on conflict (tenant_id) do update set secret = excluded.secret, created_at = now()`;
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === '23503' && err.constraint_name === 'payment_secrets_tenant_id_fkey') return false;
      throw err;
    }
    return true;
  }
}
