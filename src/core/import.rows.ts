// Batch import of orders (issue 11): the rows of a CSV or XLSX order file →
// canonical order drafts, or, for each row that cannot be one, the column and
// the reason. One row per order line; consecutive rows with the same
// externalId are one order, whose order-level columns come from its first
// row. An order is imported whole or not at all: when one of its rows is
// rejected, its other rows are rejected with it (column null, naming the
// row). Pure: no I/O, no clock; money is read digit by digit
// (channel.transforms.ts minorUnits), never as a float.

import { dateTimeMs, minorUnits, normalisePhone } from './channel.transforms.ts';
import { fail, ok, type Result } from './errors.ts';
import type { OrderDraft, OrderLine } from './order.types.ts';
import { unstorableReason } from './text.rules.ts';

/** One cell as a reader gives it: CSV cells are text; XLSX cells may be numbers or booleans (dates arrive as text). */
export type Cell = string | number | boolean | null;

export interface SheetRow {
  /** 1-based, as a spreadsheet shows it: the header is row 1 (CSV: the record number). */
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export const importColumns = [
  'externalId', 'placedAt', 'paidAt', 'buyerName', 'buyerPhone', 'buyerEmail', 'shipName', 'shipPhone', 'country', 'province',
  'city', 'district', 'address1', 'address2', 'postalCode', 'sku', 'qty', 'unitPrice', 'currency', 'shipping', 'discount', 'total',
] as const;
export type ImportColumn = (typeof importColumns)[number];

const optionalColumns: ReadonlySet<ImportColumn> = new Set(['paidAt', 'buyerPhone', 'buyerEmail', 'district', 'address2', 'postalCode', 'shipping', 'discount', 'total']);
/** Cells a header row may have (unknown columns are ignored, but not without end). */
export const headerCellsMax = 100;

export type RowOutcome = 'imported' | 'duplicate' | 'rejected';

/** The report of one data row. */
export interface RowReport {
  readonly rowNumber: number;
  /** The row's externalId as read (trimmed); null when it had none usable. */
  readonly externalId: string | null;
  readonly outcome: RowOutcome;
  /** The column a rejected row is refused for; null for the other rows of a rejected order and for the rest. */
  readonly column: ImportColumn | null;
  readonly reason: string | null;
}

/** A file-level problem: a header without a required column, a column twice. */
export interface HeaderProblem {
  readonly column: ImportColumn | null;
  readonly reason: string;
}

export interface Header {
  /** Cell index of each column the header has. */
  readonly index: Readonly<Partial<Record<ImportColumn, number>>>;
}

export interface ImportRowOptions {
  /** Rows (lines) per order; more and the order is rejected. */
  readonly linesMax: number;
  /** Units per line. */
  readonly qtyMax: number;
  /** UTC offset (minutes east) of date-times written without one. */
  readonly offsetMinutes: number;
}

/** A finished group of rows: an order to import, or rows refused whole. */
export type GroupOutcome =
  | { readonly kind: 'order'; readonly externalId: string; readonly rowNumbers: readonly number[]; readonly draft: OrderDraft }
  | { readonly kind: 'refused'; readonly rows: readonly RowReport[] };

const byName: ReadonlyMap<string, ImportColumn> = new Map(importColumns.map((c) => [c.toLowerCase(), c]));

/** The header row → where each column is; case-insensitive, surrounding spaces ignored, unknown columns ignored. */
export function headerOf(cells: readonly Cell[]): Result<Header, HeaderProblem> {
  if (cells.length > headerCellsMax) return fail({ column: null, reason: `the header row has ${cells.length} cells; at most ${headerCellsMax}` });
  const index: Partial<Record<ImportColumn, number>> = {};
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const column = typeof cell === 'string' ? byName.get(cell.trim().toLowerCase()) : undefined;
    if (column === undefined) continue;
    if (index[column] !== undefined) return fail({ column, reason: `appears twice in the header row (cells ${index[column]! + 1} and ${i + 1})` });
    index[column] = i;
  }
  const missing = importColumns.find((c) => !optionalColumns.has(c) && index[c] === undefined);
  if (missing !== undefined) return fail({ column: missing, reason: 'is missing from the header row' });
  return ok({ index });
}

// ---- reading one cell ---------------------------------------------------------

type Read<T> = { readonly ok: true; readonly value: T | undefined } | { readonly ok: false; readonly reason: string };
const value = <T>(v: T | undefined): Read<T> => ({ ok: true, value: v });
const refuse = (reason: string): Read<never> => ({ ok: false, reason });
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** The cell as trimmed text; undefined when empty. Numbers print as written; a whole number beyond 2^53 has lost digits already. */
function textOf(cell: Cell | undefined, max: number): Read<string> {
  if (cell === null || cell === undefined) return value(undefined);
  let text: string;
  if (typeof cell === 'string') text = cell.trim();
  else if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || (Number.isInteger(cell) && !Number.isSafeInteger(cell))) {
      return refuse(`${show(cell)} is a number too large to keep its digits: format the cells of this column as text`);
    }
    text = String(cell);
  } else return refuse(`expected text, got the boolean ${String(cell).toUpperCase()}`);
  if (text === '') return value(undefined);
  if (text.length > max) return refuse(`is longer than ${max} characters`);
  const bad = unstorableReason(text);
  return bad === null ? value(text) : refuse(bad);
}

type Kind = 'id' | 'name' | 'address' | 'postal' | 'phone' | 'email' | 'country' | 'currency';
const lengths: Readonly<Record<Kind, number>> = { id: 128, name: 200, address: 512, postal: 32, phone: 32, email: 254, country: 64, currency: 64 };

function textCell(cell: Cell | undefined, kind: Kind): Read<string> {
  const t = textOf(cell, lengths[kind]);
  if (!t.ok || t.value === undefined) return t;
  const s = t.value;
  switch (kind) {
    case 'phone': {
      const p = normalisePhone(s);
      return p.ok ? value(p.value as string) : refuse(p.reason);
    }
    case 'id': return /[\u0000-\u001f\u007f]/.test(s) ? refuse('must not contain control characters (line breaks, tabs)') : t;
    case 'email': return /^[^\s@]+@[^\s@]+$/.test(s) ? t : refuse(`${show(s)} is not an email address`);
    case 'country': return /^[A-Z]{2}$/.test(s.toUpperCase()) ? value(s.toUpperCase()) : refuse(`${show(s)} is not an ISO 3166-1 alpha-2 code (CN, US …)`);
    case 'currency': return /^[A-Z]{3}$/.test(s.toUpperCase()) ? value(s.toUpperCase()) : refuse(`${show(s)} is not an ISO 4217 code (CNY, USD …)`);
    default: return t;
  }
}

function timeCell(cell: Cell | undefined, offsetMinutes: number): Read<number> {
  if (typeof cell === 'number') return refuse(`${show(cell)} is a number, not a date-time: write ISO 8601 or yyyy-MM-dd HH:mm:ss, or format the cell as a date`);
  const t = textOf(cell, 64);
  if (!t.ok || t.value === undefined) return t as Read<never>;
  const ms = dateTimeMs(t.value, offsetMinutes);
  return ms.ok ? value(ms.value as number) : refuse(ms.reason);
}

function moneyCell(cell: Cell | undefined, currency: string): Read<number> {
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return value(undefined);
  if (typeof cell === 'boolean') return refuse(`expected an amount, got the boolean ${String(cell).toUpperCase()}`);
  const m = minorUnits(cell, currency);
  return m.ok ? value(m.value as number) : refuse(m.reason);
}

function qtyCell(cell: Cell | undefined, qtyMax: number): Read<number> {
  const t = textOf(cell, 16);
  if (!t.ok || t.value === undefined) return t as Read<never>;
  const n = /^\d{1,16}$/.test(t.value) ? Number(t.value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= qtyMax ? value(n) : refuse(`${show(cell)} is not a whole number from 1 to ${qtyMax}`);
}

// ---- one row ----------------------------------------------------------------------

interface Problem { readonly column: ImportColumn; readonly reason: string }
class RowError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.column}: ${problem.reason}`);
  }
}

/** Reads columns of one row; the first bad one throws a RowError (caught in readGroup, never escapes this module). */
class RowReader {
  constructor(private readonly header: Header, private readonly cells: readonly Cell[]) {}

  private cell(column: ImportColumn): Cell | undefined {
    const i = this.header.index[column];
    return i === undefined ? undefined : this.cells[i];
  }

  private need<T>(column: ImportColumn, r: Read<T>): T | undefined {
    if (!r.ok) throw new RowError({ column, reason: r.reason });
    if (r.value === undefined && !optionalColumns.has(column)) throw new RowError({ column, reason: 'is empty' });
    return r.value;
  }

  text(column: ImportColumn, kind: Kind): string | undefined { return this.need(column, textCell(this.cell(column), kind)); }
  time(column: ImportColumn, offsetMinutes: number): number | undefined { return this.need(column, timeCell(this.cell(column), offsetMinutes)); }
  money(column: ImportColumn, currency: string): number | undefined { return this.need(column, moneyCell(this.cell(column), currency)); }
  qty(qtyMax: number): number { return this.need('qty', qtyCell(this.cell('qty'), qtyMax))!; }
}

type OrderPart = Omit<OrderDraft, 'lines' | 'totals'> & { readonly currency: string; readonly shipping?: number; readonly discount?: number; readonly total?: number };

/** The order-level columns of an order's first row. */
function readOrderPart(r: RowReader, externalId: string, opts: ImportRowOptions): OrderPart {
  const currency = r.text('currency', 'currency')!;
  const placedAtMs = r.time('placedAt', opts.offsetMinutes)!;
  const paidAtMs = r.time('paidAt', opts.offsetMinutes);
  const buyer: Record<string, string> = { name: r.text('buyerName', 'name')! };
  optional(buyer, 'phone', r.text('buyerPhone', 'phone'));
  optional(buyer, 'email', r.text('buyerEmail', 'email'));
  const address: Record<string, string> = {
    name: r.text('shipName', 'name')!, phone: r.text('shipPhone', 'phone')!, country: r.text('country', 'country')!,
    province: r.text('province', 'name')!, city: r.text('city', 'name')!,
  };
  optional(address, 'district', r.text('district', 'name'));
  address.address1 = r.text('address1', 'address')!;
  optional(address, 'address2', r.text('address2', 'address'));
  optional(address, 'postalCode', r.text('postalCode', 'postal'));
  const part: Record<string, unknown> = { externalId, placedAtMs };
  optional(part, 'paidAtMs', paidAtMs);
  Object.assign(part, { buyer, shippingAddress: address, currency });
  optional(part, 'shipping', r.money('shipping', currency));
  optional(part, 'discount', r.money('discount', currency));
  optional(part, 'total', r.money('total', currency));
  return part as unknown as OrderPart;
}

function readLine(r: RowReader, currency: string, qtyMax: number): OrderLine {
  const sku = r.text('sku', 'id')!;
  const qty = r.qty(qtyMax);
  const unitPriceMinor = r.money('unitPrice', currency)!;
  // `sku` is the channel's code: the generic mapping passes it through the channel's SKU map when the order is applied.
  return { sku, qty, unitPriceMinor };
}

/** Sets a member only when the value is there: an absent optional column is absent from the document, not null. */
function optional<T>(o: Record<string, T>, key: string, v: T | undefined): void {
  if (v !== undefined) o[key] = v;
}

// ---- grouping ----------------------------------------------------------------------

interface Group {
  readonly externalId: string;
  readonly rows: SheetRow[];
  /** Rows beyond linesMax: counted, not kept. */
  readonly extraRows: number[];
  /** The first row of an earlier group with the same externalId. */
  readonly earlierRow: number | undefined;
}

const refusedAll = (g: Group, outcome: RowOutcome, reason: string): GroupOutcome => ({
  kind: 'refused',
  rows: [...g.rows.map((r) => r.rowNumber), ...g.extraRows].map((rowNumber) => ({ rowNumber, externalId: g.externalId, outcome, column: null, reason })),
});

/** Every row of a rejected order: the bad ones with their column and reason, the others naming the first bad row. */
function rejected(g: Group, problems: ReadonlyMap<number, Problem>): GroupOutcome {
  const first = [...problems.keys()].sort((a, b) => a - b)[0]!;
  const rows = [...g.rows.map((r) => r.rowNumber), ...g.extraRows].map((rowNumber): RowReport => {
    const p = problems.get(rowNumber);
    return p === undefined
      ? { rowNumber, externalId: g.externalId, outcome: 'rejected', column: null, reason: `not imported: row ${first} of order ${show(g.externalId)} was rejected` }
      : { rowNumber, externalId: g.externalId, outcome: 'rejected', column: p.column, reason: p.reason };
  });
  return { kind: 'refused', rows };
}

function totalsOf(part: OrderPart, lines: readonly OrderLine[]): OrderDraft['totals'] | Problem {
  let items = 0;
  for (const l of lines) items += l.qty * l.unitPriceMinor;
  if (!Number.isSafeInteger(items)) return { column: 'unitPrice', reason: 'the sum of qty × unitPrice over the order is too large' };
  const shipping = part.shipping ?? 0;
  const discount = part.discount ?? 0;
  const total = part.total ?? items + shipping - discount;
  if (total < 0) return { column: 'discount', reason: `the discount is more than the items and shipping (${items + shipping} minor units)` };
  if (!Number.isSafeInteger(total)) return { column: 'total', reason: 'the order total is too large' };
  return { currency: part.currency, itemsMinor: items, shippingMinor: shipping, discountMinor: discount, totalMinor: total };
}

/** A complete group → its outcome. */
export function readGroup(header: Header, g: Group, opts: ImportRowOptions): GroupOutcome {
  if (g.earlierRow !== undefined) {
    return refusedAll(g, 'duplicate', `externalId ${show(g.externalId)} appeared earlier in this file (row ${g.earlierRow}); the rows of one order must be consecutive`);
  }
  const problems = new Map<number, Problem>();
  if (g.extraRows.length > 0) problems.set(g.extraRows[0]!, { column: 'externalId', reason: `order ${show(g.externalId)} has more than ${opts.linesMax} rows (lines)` });
  let part: OrderPart | undefined;
  const lines: OrderLine[] = [];
  for (const [i, row] of g.rows.entries()) {
    const r = new RowReader(header, row.cells);
    try {
      if (i === 0) part = readOrderPart(r, g.externalId, opts);
      if (part === undefined) continue; // the first row's currency did not read: the prices of the others cannot be
      const currency = r.text('currency', 'currency');
      if (currency !== undefined && currency !== part.currency) throw new RowError({ column: 'currency', reason: `${currency} differs from the order's ${part.currency} (its first row)` });
      lines.push(readLine(r, part.currency, opts.qtyMax));
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      problems.set(row.rowNumber, err.problem);
    }
  }
  if (problems.size > 0 || part === undefined) return rejected(g, problems);
  const totals = totalsOf(part, lines);
  if ('column' in totals) return rejected(g, new Map([[g.rows[0]!.rowNumber, totals]]));
  const { currency: _c, shipping: _s, discount: _d, total: _t, ...order } = part;
  return { kind: 'order', externalId: g.externalId, rowNumbers: g.rows.map((r) => r.rowNumber), draft: { ...order, lines, totals } };
}

/**
 * Feeds data rows in file order and returns the groups they complete: a row
 * with another externalId completes the group before it; end() the last one.
 * Memory: one group (at most linesMax rows kept) and the externalIds seen
 * (one per order of the file, which the caller bounds by its row limit).
 */
export class OrderGrouper {
  private current: Group | null = null;
  private readonly seen = new Map<string, number>();

  constructor(private readonly header: Header, private readonly opts: ImportRowOptions) {}

  push(row: SheetRow): GroupOutcome[] {
    const i = this.header.index.externalId!;
    const id = textCell(row.cells[i], 'id');
    if (!id.ok || id.value === undefined) {
      const reason = id.ok ? 'is empty' : id.reason;
      return [...this.end(), { kind: 'refused', rows: [{ rowNumber: row.rowNumber, externalId: null, outcome: 'rejected', column: 'externalId', reason }] }];
    }
    const externalId = id.value;
    if (this.current !== null && this.current.externalId === externalId) {
      if (this.current.rows.length < this.opts.linesMax) this.current.rows.push(row);
      else this.current.extraRows.push(row.rowNumber);
      return [];
    }
    const done = this.end();
    this.current = { externalId, rows: [row], extraRows: [], earlierRow: this.seen.get(externalId) };
    if (!this.seen.has(externalId)) this.seen.set(externalId, row.rowNumber);
    return done;
  }

  /** The group in progress, finished; [] when there is none. */
  end(): GroupOutcome[] {
    const g = this.current;
    this.current = null;
    return g === null ? [] : [readGroup(this.header, g, this.opts)];
  }
}
