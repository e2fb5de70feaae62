// The CatalogStore conformance suite against the in-memory fake, so the app
// service tests that use it test against the contract the real repo keeps.
import { MemoryCatalogStore } from '../../src/adapters/memory/catalog.store.ts';
import { catalogStoreConformance } from './catalog-store.conformance.ts';

catalogStoreConformance('MemoryCatalogStore', async () => ({ store: new MemoryCatalogStore(), close: async () => {} }));
