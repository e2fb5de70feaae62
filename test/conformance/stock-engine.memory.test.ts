// The StockEngine conformance suite against the in-memory engine, so the app
// service tests that use it test against the contract the Redis engine keeps.
import { MemoryStockEngine } from '../../src/adapters/memory/stock.engine.ts';
import { stockEngineConformance } from './stock-engine.conformance.ts';

const onHandMax = 1_000;

stockEngineConformance('MemoryStockEngine', async () => ({
  engine: new MemoryStockEngine({ onHandMax }), onHandMax, close: async () => {},
}));
