// The rows of an order file (issue 11 batch import), streamed: CSV through
// csv-parse, XLSX through exceljs's streaming WorkbookReader (the first
// worksheet). The upload itself is spooled to a private temporary file as it
// arrives (import.upload.ts), so it is read without being held in memory;
// the import's scratch file goes beside it. Rows are yielded with the number a
// spreadsheet shows (the header is row 1); rows whose cells are all empty are
// skipped but counted in the numbering.
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Cell } from '../../core/import.rows.ts';
import type { ImportFile, ImportFormat, SheetItem } from '../../app/import.port.ts';
import { FileScratch } from './import.scratch.ts';

/** Bytes of one CSV record at most (all its cells); a longer one makes the file unreadable. */
export const csvRecordBytesMax = 64 * 1024;
/** Cells read per row; cells beyond are ignored (the header may have at most 100). */
export const cellsPerRowMax = 200;

/** An ImportFile over a file on disk (an upload spooled by import.upload.ts, or a benchmark's file); scratch files go next to it. */
export function importFileAt(path: string, fileName: string, format: ImportFormat, bytes: number): ImportFile {
  let scratches = 0;
  return {
    fileName, format, bytes,
    rows: () => (format === 'csv' ? csvRows(path) : xlsxRows(path)),
    scratch: () => new FileScratch(`${path}.pass${++scratches}`),
  };
}

/** Empty cells at the end of a row dropped; null when every cell is empty. */
function trimmed(cells: Cell[]): Cell[] | null {
  let end = Math.min(cells.length, cellsPerRowMax);
  while (end > 0 && (cells[end - 1] === null || cells[end - 1] === '')) end--;
  return end === 0 ? null : cells.length === end ? cells : cells.slice(0, end);
}

const short = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

async function* csvRows(path: string): AsyncGenerator<SheetItem> {
  const input = createReadStream(path);
  const parser = input.pipe(parse({
    bom: true, delimiter: ',', relax_column_count: true, skip_empty_lines: false, max_record_size: csvRecordBytesMax, encoding: 'utf8',
  }));
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      const cells = trimmed(record);
      if (cells !== null) yield { rowNumber, cells };
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    yield { unreadable: `is not readable CSV after row ${rowNumber}: ${short(err.message)}` };
  } finally {
    parser.destroy();
    input.destroy();
  }
}

async function* xlsxRows(path: string): AsyncGenerator<SheetItem> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
  });
  let rowNumber = 0;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        rowNumber = row.number;
        const cells = trimmed(cellsOf(row.values));
        if (cells !== null) yield { rowNumber, cells };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    yield { unreadable: `is not a readable XLSX workbook${rowNumber > 0 ? ` after row ${rowNumber}` : ''}: ${short((err as Error).message)}` };
  } finally {
    input.destroy();
  }
}

/** exceljs row.values (1-based, sparse) → cells (0-based). */
function cellsOf(values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>): Cell[] {
  const list = Array.isArray(values) ? values : [];
  const cells: Cell[] = [];
  for (let i = 1; i < list.length && i <= cellsPerRowMax; i++) cells.push(cellOf(list[i]));
  return cells;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * One exceljs cell value as a Cell. A date cell has no zone in the workbook:
 * exceljs gives it as a Date whose UTC fields are the wall clock the sheet
 * shows, so it becomes that wall clock as text (`yyyy-MM-dd HH:mm:ss`), read
 * like any date-time written without an offset.
 */
export function cellOf(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellOf(v.result as ExcelJS.CellValue | undefined);
    if ('formula' in v || 'sharedFormula' in v) return null; // a formula without a cached result: nothing to read
    if ('text' in v && 'hyperlink' in v) return cellOf(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return null;
}
