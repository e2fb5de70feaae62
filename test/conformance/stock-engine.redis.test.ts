// The StockEngine conformance suite against the Redis engine and the real
// Redis, in a random namespace of its own (deleted afterwards).
import { createHarness } from '../helpers/redis.ts';
import { stockEngineConformance } from './stock-engine.conformance.ts';

const onHandMax = 1_000;

stockEngineConformance('RedisStockEngine', async () => {
  const h = createHarness('conformance', { engine: { onHandMax } });
  return { engine: h.engine, onHandMax, close: () => h.close() };
});
