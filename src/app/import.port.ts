// Ports of the batch import of orders (issue 11): the file's rows as a reader
// gives them (adapters/http/import.reader.ts: CSV, XLSX), and the store of
// imports and their per-row reports (adapters/postgres/import.repo.ts).
import type { Result } from '../core/errors.ts';
import type { RowOutcome, RowReport, SheetRow } from '../core/import.rows.ts';
import type { IntakeDocument } from './intake.port.ts';

export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** One item of a pass over a file: a row (the header first), or why the file cannot be read on (then the pass ends). */
export type SheetItem = SheetRow | { readonly unreadable: string };

/** An uploaded file, kept until the import answers. */
export interface ImportFile {
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly bytes: number;
  /** Rows with at least one non-empty cell, in file order, the header row first; each call reads from the start. */
  rows(): AsyncIterable<SheetItem>;
  /** A new scratch file for one import of this file, next to it (removed with it). */
  scratch(): ImportScratch;
}

/** What the first pass of an import read, kept for the second: an order ready to append, or rows refused. */
export type ScratchItem =
  | { readonly kind: 'order'; readonly externalId: string; readonly rowNumbers: readonly number[]; /** Canonical OrderDraft JSON. */ readonly body: Uint8Array }
  | { readonly kind: 'refused'; readonly rows: readonly RowReport[] };

/** Written by the first pass, read back once, in order, by the second (adapters/http/import.scratch.ts). */
export interface ImportScratch {
  /** Keeps one item (buffered: it may wait for a write). */
  add(item: ScratchItem): Promise<void>;
  /** Every item added, in order; no add after this. */
  items(): AsyncIterable<ScratchItem>;
  /** Releases the file handle (idempotent). */
  close(): Promise<void>;
}

export const importStatuses = ['running', 'finished', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export interface ImportCounts {
  readonly rowsTotal: number;
  readonly rowsImported: number;
  readonly rowsDuplicate: number;
  readonly rowsRejected: number;
  readonly ordersImported: number;
}

export interface ImportSummary extends ImportCounts {
  readonly tenant: string;
  readonly channel: string;
  readonly id: string;
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly fileBytes: number;
  /** Who imported: `key:<keyId>`. */
  readonly actor: string;
  readonly status: ImportStatus;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

export interface NewImport {
  readonly channel: string;
  readonly id: string;
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly fileBytes: number;
  readonly actor: string;
}

export interface ImportPage {
  readonly imports: ImportSummary[];
  readonly nextCursor: string | null;
}

export interface ImportRowQuery {
  /** Rows after this row number (0: from the start). */
  readonly afterRow: number;
  readonly limit: number;
  readonly outcome?: RowOutcome;
}

/** The intake log, many documents at a time (adapters/nats/intake.batch.ts). */
export interface IntakeBatchLog {
  /**
   * Appends every document; resolves with failed = -1 once all are durable, else with the index of the
   * first one that is not known to be (not acknowledged before timeoutMs, or refused): the ones before it are.
   */
  appendMany(docs: readonly IntakeDocument[], timeoutMs: number): Promise<{ readonly failed: number; readonly error: string }>;
}

/** Tenant-scoped (row-level security); every call is one transaction. */
export interface ImportStore {
  create(tenant: string, i: NewImport): Promise<ImportSummary>;
  /** Appends row reports (one multi-row insert per call; the caller bounds the batch). */
  addRows(tenant: string, importId: string, rows: readonly RowReport[]): Promise<void>;
  finish(tenant: string, importId: string, status: Exclude<ImportStatus, 'running'>, counts: ImportCounts): Promise<ImportSummary>;
  get(tenant: string, channel: string, importId: string): Promise<ImportSummary | null>;
  rows(tenant: string, importId: string, q: ImportRowQuery): Promise<RowReport[]>;
  /** Newest first; VALIDATION_FAILED names a bad cursor or limit. */
  list(tenant: string, channel: string, cursor: string | null, limit: number): Promise<Result<ImportPage>>;
  /** Which of these order ids the tenant has already (one query). */
  existingOrders(tenant: string, orderIds: readonly string[]): Promise<ReadonlySet<string>>;
}
