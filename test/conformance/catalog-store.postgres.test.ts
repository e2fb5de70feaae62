// The CatalogStore conformance suite against the real PostgreSQL CatalogRepo,
// in a random schema of its own that is dropped when the file ends.
import { randomBytes } from 'node:crypto';
import { CatalogRepo } from '../../src/adapters/postgres/catalog.repo.ts';
import { migrate } from '../../src/adapters/postgres/migrate.ts';
import { createSqlForSchema } from '../../src/adapters/postgres/sql.ts';
import { catalogStoreConformance } from './catalog-store.conformance.ts';

catalogStoreConformance('PostgreSQL CatalogRepo', async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const sql = createSqlForSchema(schema, { poolMax: 8 });
  await migrate(sql, schema);
  return {
    store: new CatalogRepo(sql),
    close: async () => {
      await sql`drop schema if exists ${sql(schema)} cascade`;
      await sql.end({ timeout: 5 });
    },
  };
});
