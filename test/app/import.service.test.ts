// The import service's failure path, with an intake log that stops
// acknowledging part-way (a fault the real JetStream cannot be made to show
// on demand): the import ends `failed` with 503 OVERLOADED naming it, the
// orders acknowledged before the failure are reported imported, nothing
// after them is, and what was reported adds up. Also: one import too many
// in a process is 503 before the file is read.
import { describe, expect, it } from 'vitest';
import { ImportService, importBounds } from '../../src/app/import.service.ts';
import type { ImportCounts, ImportFile, ImportScratch, ImportStore, ImportSummary, IntakeBatchLog, ScratchItem } from '../../src/app/import.port.ts';
import type { IntakeDocument } from '../../src/app/intake.port.ts';
import type { ChannelStore } from '../../src/app/order.port.ts';
import { importColumns, type Cell, type RowReport } from '../../src/core/import.rows.ts';

const row = (externalId: string): Cell[] => importColumns.map((c) => ({
  externalId, placedAt: '2026-05-01 10:00:00', buyerName: 'B', shipName: 'S', shipPhone: '13800138000', country: 'CN', province: 'P', city: 'C',
  address1: 'A', sku: 'K', qty: '1', unitPrice: '1.00', currency: 'CNY',
} as Record<string, string>)[c] ?? null);

function fileOf(ids: readonly string[]): ImportFile {
  return {
    fileName: 'f.csv', format: 'csv', bytes: 1,
    async *rows() {
      yield { rowNumber: 1, cells: [...importColumns] };
      for (const [i, id] of ids.entries()) yield { rowNumber: i + 2, cells: row(id) };
    },
    scratch(): ImportScratch {
      const items: ScratchItem[] = [];
      return { add: async (item) => { items.push(item); }, items: async function* () { yield* items; }, close: async () => undefined };
    },
  };
}

class MemoryImports implements ImportStore {
  readonly rowsWritten: RowReport[] = [];
  finished: { status: string; counts: ImportCounts } | null = null;
  private summary(id: string, status: ImportSummary['status'], c: ImportCounts): ImportSummary {
    return { tenant: 't', channel: 'c', id, fileName: 'f.csv', format: 'csv', fileBytes: 1, actor: 'key:k', status, createdAt: new Date(), finishedAt: null, ...c };
  }
  async create(_t: string, i: { id: string }) { return this.summary(i.id, 'running', { rowsTotal: 0, rowsImported: 0, rowsDuplicate: 0, rowsRejected: 0, ordersImported: 0 }); }
  async addRows(_t: string, _i: string, rows: readonly RowReport[]) { this.rowsWritten.push(...rows); }
  async finish(_t: string, id: string, status: 'finished' | 'failed', counts: ImportCounts) { this.finished = { status, counts }; return this.summary(id, status, counts); }
  async get() { return null; }
  async rows() { return []; }
  async list() { return { ok: true as const, value: { imports: [], nextCursor: null } }; }
  async existingOrders() { return new Set<string>(); }
}

/** Acknowledges the first `ackedMax` documents, then reports the next one as not acknowledged. */
class StallingIntake implements IntakeBatchLog {
  readonly appended: IntakeDocument[] = [];
  constructor(private readonly ackedMax: number) {}
  async appendMany(docs: readonly IntakeDocument[]) {
    const room = Math.max(0, this.ackedMax - this.appended.length);
    this.appended.push(...docs.slice(0, room));
    return room >= docs.length ? { failed: -1, error: '' } : { failed: room, error: 'no JetStream ack before the timeout' };
  }
}

const channels = { get: async () => ({ id: 'c' }) } as unknown as ChannelStore;
const opts = { ...importBounds, batchMax: 4, appendBatchesInflightMax: 1, rowsMax: 100, linesMax: 10, qtyMax: 100, publishTimeoutMs: 100 };
const request = (ids: readonly string[]) => ({ tenant: 't', channel: 'c', keyId: 'k', file: fileOf(ids), offsetMinutes: 480 });

describe('ImportService when the intake log stops acknowledging', () => {
  it('ends the import failed (503 naming it), reporting as imported exactly the orders acknowledged before', async () => {
    const store = new MemoryImports();
    const intake = new StallingIntake(6);
    const service = new ImportService(channels, store, intake, { nowMs: () => 0 }, opts);
    const ids = Array.from({ length: 12 }, (_, i) => `E${i}`);
    const r = await service.run(request(ids));
    expect(r).toMatchObject({ ok: false, error: { code: 'OVERLOADED', extra: { import: expect.stringMatching(/^imp_/) } } });
    expect(!r.ok && r.error.detail).toMatch(/did not acknowledge order E6/);
    expect(store.finished).toEqual({ status: 'failed', counts: { rowsTotal: 6, rowsImported: 6, rowsDuplicate: 0, rowsRejected: 0, ordersImported: 6 } });
    expect(store.rowsWritten.map((x) => [x.externalId, x.outcome])).toEqual(intake.appended.map((d) => [d.deliveryId.split(':')[2], 'imported']));
    expect(intake.appended.every((d) => d.source === 'import' && d.actor === 'key:k')).toBe(true);
  });

  it('one import more than importsInflightMax at once is 503 before the file is read', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const slowChannels = { get: async () => { await gate; return { id: 'c' }; } } as unknown as ChannelStore;
    const service = new ImportService(slowChannels, new MemoryImports(), new StallingIntake(100), { nowMs: () => 0 }, { ...opts, importsInflightMax: 1 });
    const first = service.run(request(['A']));
    expect(await service.run(request(['B']))).toMatchObject({ ok: false, error: { code: 'OVERLOADED' } });
    release();
    expect(await first).toMatchObject({ ok: true, value: { status: 'finished' } });
  });
});
