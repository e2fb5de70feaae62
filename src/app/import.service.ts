// Batch import of orders from a CSV or XLSX file (issue 11), in two passes.
// The first reads the file once: the header, then rows grouped into orders
// and validated (core/import.rows.ts), each order kept as the canonical
// OrderDraft JSON it will be appended as, each refused row with its reason,
// in a scratch file; a file over PALLET_IMPORT_ROWS_MAX, without a required
// column or unreadable to its end is refused whole, nothing appended. The
// second reads the scratch back: looks up which orders exist already (one
// query per batch) and appends the new ones to the intake log (source
// 'import'), one batch per lookup, a bounded number of batches in flight.
// The orders role maps them with the generic mapping and applies them like
// any channel document. The per-row report is written in batches as the
// import goes; the answer comes once every imported order is durable in the
// intake stream.
import { randomBytes } from 'node:crypto';
import { assert, domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import { headerOf, OrderGrouper, type GroupOutcome, type RowReport } from '../core/import.rows.ts';
import type { ImportFile, ImportPage, ImportRowQuery, ImportScratch, ImportStore, ImportSummary, IntakeBatchLog, ScratchItem } from './import.port.ts';
import { orderIdOf } from './order.ids.ts';
import type { ChannelStore } from './order.port.ts';

export interface ImportOptions {
  /** Data rows per file (PALLET_IMPORT_ROWS_MAX). */
  readonly rowsMax: number;
  /** Rows (lines) per order, and units per line: what the orders role accepts. */
  readonly linesMax: number;
  readonly qtyMax: number;
  readonly publishTimeoutMs: number;
  /** Append batches awaiting the intake stream's acks at once, per import (documents in flight ≤ this × batchMax). */
  readonly appendBatchesInflightMax: number;
  /** Imports running at once in this process; one more is 503 OVERLOADED. */
  readonly importsInflightMax: number;
  /** Orders whose existence one query looks up, and that one append batch carries. */
  readonly batchMax: number;
  /** Row reports per insert. */
  readonly rowsPerWriteMax: number;
}

export interface ImportRequest {
  readonly tenant: string;
  readonly channel: string;
  /** The API key that imports (the audit actor `key:<keyId>`). */
  readonly keyId: string;
  readonly file: ImportFile;
  /** UTC offset (minutes east) of date-times written without one. */
  readonly offsetMinutes: number;
}

export interface ImportRowsPage {
  readonly summary: ImportSummary;
  readonly rows: RowReport[];
  /** Pass as afterRow for the next page; null on the last. */
  readonly nextAfterRow: number | null;
}

/** The bounds main.ts passes besides the configured ones. */
export const importBounds = { appendBatchesInflightMax: 4, importsInflightMax: 2, batchMax: 256, rowsPerWriteMax: 1_000 } as const;

export const newImportId = (): string => `imp_${randomBytes(12).toString('base64url')}`;

const encoder = new TextEncoder();
const channelNotFound = (id: string) => fail(domainError('CHANNEL_NOT_FOUND', `channel ${id} not found`, { channel: id }));
const badFile = (detail: string, extra: Record<string, unknown> = {}): DomainError =>
  domainError('VALIDATION_FAILED', `file: ${detail}`, { field: 'file', ...extra });

export class ImportService {
  private running = 0;

  constructor(
    private readonly channels: ChannelStore,
    private readonly store: ImportStore,
    private readonly intake: IntakeBatchLog,
    private readonly clock: { nowMs(): number },
    private readonly opts: ImportOptions,
  ) {
    assert(opts.rowsMax >= 1 && opts.appendBatchesInflightMax >= 1 && opts.importsInflightMax >= 1, 'import bounds must be positive');
    assert(opts.batchMax >= 1 && opts.rowsPerWriteMax >= 1, 'import batch sizes must be positive');
  }

  /** Imports a file into a channel; the summary once every imported order is durable in the intake stream. */
  async run(req: ImportRequest): Promise<Result<ImportSummary>> {
    if (this.running >= this.opts.importsInflightMax) {
      return fail(domainError('OVERLOADED', `${this.running} imports are running in this process; retry later`));
    }
    this.running++;
    const scratch = req.file.scratch();
    try {
      if ((await this.channels.get(req.tenant, req.channel)) === null) return channelNotFound(req.channel);
      const read = await this.firstPass(req, scratch);
      if (!read.ok) return read;
      const summary = await this.store.create(req.tenant, {
        channel: req.channel, id: newImportId(), fileName: req.file.fileName, format: req.file.format, fileBytes: req.file.bytes, actor: `key:${req.keyId}`,
      });
      return await new ImportRun(this.store, this.intake, this.clock, this.opts, req, summary.id).run(scratch);
    } finally {
      this.running--;
      await scratch.close();
    }
  }

  /** The first pass: a header with every required column, 1..rowsMax data rows, each group of rows kept in the scratch. */
  private async firstPass(req: ImportRequest, scratch: ImportScratch): Promise<Result<true>> {
    let grouper: OrderGrouper | null = null;
    let rows = 0;
    for await (const item of req.file.rows()) {
      if ('unreadable' in item) return fail(badFile(item.unreadable));
      if (grouper === null) {
        const h = headerOf(item.cells);
        if (!h.ok) return fail(badFile(`header row: ${h.error.column === null ? '' : `column ${h.error.column} `}${h.error.reason}`, { column: h.error.column }));
        grouper = new OrderGrouper(h.value, { linesMax: this.opts.linesMax, qtyMax: this.opts.qtyMax, offsetMinutes: req.offsetMinutes });
        continue;
      }
      if (++rows > this.opts.rowsMax) {
        return fail(domainError('LIMIT_EXCEEDED', `file: has more than ${this.opts.rowsMax} data rows (PALLET_IMPORT_ROWS_MAX)`, {
          field: 'file', limit: 'PALLET_IMPORT_ROWS_MAX', max: this.opts.rowsMax,
        }));
      }
      for (const g of grouper.push(item)) await scratch.add(itemOf(g));
    }
    if (grouper === null) return fail(badFile('has no header row'));
    if (rows === 0) return fail(badFile('has a header row but no data rows'));
    for (const g of grouper.end()) await scratch.add(itemOf(g));
    return ok(true);
  }

  async get(tenant: string, channel: string, importId: string, q: ImportRowQuery): Promise<Result<ImportRowsPage>> {
    assert(Number.isSafeInteger(q.limit) && q.limit >= 1 && Number.isSafeInteger(q.afterRow) && q.afterRow >= 0, 'import row query out of range');
    const summary = await this.store.get(tenant, channel, importId);
    if (summary === null) return fail(domainError('NOT_FOUND', `import ${importId} of channel ${channel} not found`, { import: importId }));
    const rows = await this.store.rows(tenant, importId, q);
    const last = rows[rows.length - 1];
    return ok({ summary, rows, nextAfterRow: rows.length === q.limit && last !== undefined ? last.rowNumber : null });
  }

  async list(tenant: string, channel: string, cursor: string | null, limit: number): Promise<Result<ImportPage>> {
    if ((await this.channels.get(tenant, channel)) === null) return channelNotFound(channel);
    return this.store.list(tenant, channel, cursor, limit);
  }
}

/** At most `max` tasks at once; the first failure is kept and thrown by the next slot() or drain(). */
class Inflight {
  private n = 0;
  private failure: { error: unknown } | null = null;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async slot(): Promise<void> {
    while (this.n >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure !== null) throw this.failure.error;
  }

  start(task: Promise<void>): void {
    this.n++;
    task.catch((error: unknown) => { this.failure ??= { error }; }).finally(() => {
      this.n--;
      this.waiting.shift()?.();
    });
  }

  async drain(): Promise<void> {
    while (this.n > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure !== null) throw this.failure.error;
  }
}

/** A group as the second pass needs it: an order as the JSON it is appended as. */
const itemOf = (g: GroupOutcome): ScratchItem =>
  g.kind === 'refused' ? g : { kind: 'order', externalId: g.externalId, rowNumbers: g.rowNumbers, body: encoder.encode(JSON.stringify(g.draft)) };

class AppendFailed extends Error {}

type OrderGroup = Extract<ScratchItem, { kind: 'order' }>;

/** The second pass of one import. */
class ImportRun {
  private readonly counts = { rowsTotal: 0, rowsImported: 0, rowsDuplicate: 0, rowsRejected: 0, ordersImported: 0 };
  private pending: OrderGroup[] = [];
  private reports: RowReport[] = [];
  /** The row write in flight (one at a time, overlapping the reading of the next rows). */
  private writing: Promise<void> = Promise.resolve();
  private readonly appends: Inflight;

  constructor(
    private readonly store: ImportStore,
    private readonly intake: IntakeBatchLog,
    private readonly clock: { nowMs(): number },
    private readonly opts: ImportOptions,
    private readonly req: ImportRequest,
    private readonly importId: string,
  ) {
    this.appends = new Inflight(opts.appendBatchesInflightMax);
  }

  async run(scratch: ImportScratch): Promise<Result<ImportSummary>> {
    const { tenant } = this.req;
    try {
      for await (const item of scratch.items()) await this.add(item);
      await this.dispatch();
      await this.appends.drain();
      await this.writeRows(true);
      return ok(await this.store.finish(tenant, this.importId, 'finished', this.counts));
    } catch (err) {
      // What was appended stays appended (re-importing the file reports those orders as duplicates): record how far it got.
      await this.appends.drain().catch(() => undefined);
      await this.writeRows(true).catch(() => undefined);
      await this.store.finish(tenant, this.importId, 'failed', this.counts).catch(() => undefined);
      if (!(err instanceof AppendFailed)) throw err;
      return fail(domainError('OVERLOADED', `import ${this.importId} stopped: ${err.message}; the rows so far are in its report, retry later`, {
        import: this.importId,
      }));
    }
  }

  private async add(g: ScratchItem): Promise<void> {
    if (g.kind === 'refused') {
      for (const r of g.rows) this.report(r);
      await this.writeRows(false);
      return;
    }
    this.pending.push(g);
    if (this.pending.length >= this.opts.batchMax) await this.dispatch();
  }

  /** The pending orders: those that exist already are duplicates; the others go to the intake log as one batch. */
  private async dispatch(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const { tenant, channel } = this.req;
    const ids = batch.map((g) => orderIdOf(channel, g.externalId));
    const existing = await this.store.existingOrders(tenant, ids);
    const fresh: OrderGroup[] = [];
    for (const [i, g] of batch.entries()) {
      if (!existing.has(ids[i]!)) {
        fresh.push(g);
        continue;
      }
      for (const rowNumber of g.rowNumbers) {
        this.report({ rowNumber, externalId: g.externalId, outcome: 'duplicate', column: null, reason: `order ${ids[i]} exists already` });
      }
    }
    if (fresh.length > 0) {
      await this.appends.slot();
      this.appends.start(this.append(fresh));
    }
    await this.writeRows(false);
  }

  /** One batch of orders into the intake log; the ones acknowledged are imported, the first that is not stops the import. */
  private async append(orders: readonly OrderGroup[]): Promise<void> {
    const { tenant, channel, keyId } = this.req;
    const receivedAtMs = this.clock.nowMs();
    const docs = orders.map((g) => ({
      tenant, channel, deliveryId: `import:${this.importId}:${g.externalId}`, receivedAtMs, source: 'import' as const, topic: '',
      actor: `key:${keyId}`, body: g.body,
    }));
    let result: { failed: number; error: string };
    try {
      result = await this.intake.appendMany(docs, this.opts.publishTimeoutMs);
    } catch (err) {
      result = { failed: 0, error: (err as Error).message };
    }
    const acked = result.failed < 0 ? orders.length : result.failed;
    for (const g of orders.slice(0, acked)) {
      this.counts.ordersImported++;
      for (const rowNumber of g.rowNumbers) this.report({ rowNumber, externalId: g.externalId, outcome: 'imported', column: null, reason: null });
    }
    if (result.failed >= 0) throw new AppendFailed(`the intake stream did not acknowledge order ${orders[result.failed]!.externalId}: ${result.error}`);
  }

  private report(r: RowReport): void {
    this.reports.push(r);
    this.counts.rowsTotal++;
    if (r.outcome === 'imported') this.counts.rowsImported++;
    else if (r.outcome === 'duplicate') this.counts.rowsDuplicate++;
    else this.counts.rowsRejected++;
  }

  /** Starts writing the reports gathered once there are enough (all of them when `all`), after the write before has finished. */
  private async writeRows(all: boolean): Promise<void> {
    while (this.reports.length >= (all ? 1 : this.opts.rowsPerWriteMax)) {
      const batch = this.reports.slice(0, this.opts.rowsPerWriteMax);
      this.reports = this.reports.slice(batch.length);
      await this.writing;
      this.writing = this.store.addRows(this.req.tenant, this.importId, batch);
      // Handled here so a failure waits for the next await of `writing` instead of being an unhandled rejection meanwhile.
      this.writing.catch(() => undefined);
    }
    if (all) await this.writing;
  }
}
