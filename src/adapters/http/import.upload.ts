// An uploaded order file (issue 11 batch import), spooled as it arrives to a
// private temporary file (mode 0600 in a fresh directory, which also takes
// the import's scratch file), so it is never held in memory; the directory
// is removed before the import answers.
// On the way its kind is checked: the name says .csv or .xlsx (or, without an
// extension, the media type or the first bytes decide), and the bytes must
// agree: an XLSX workbook is a zip archive; CSV is UTF-8 text without NUL.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail, ok, type Result } from '../../core/errors.ts';
import type { ImportFile, ImportFormat } from '../../app/import.port.ts';
import { importFileAt } from './import.reader.ts';
import type { Problem } from './problem.ts';

export interface Upload {
  readonly stream: Readable;
  readonly fileName: string;
  readonly mimetype: string;
  /** Whether the multipart reader cut the file at its size limit (read once the stream has ended). */
  truncated(): boolean;
}

export interface SpooledFile extends ImportFile {
  /** Deletes the temporary file; call it once the import has answered. */
  remove(): Promise<void>;
}

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileNameLengthMax = 200;
const magicBytes = 8;
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const oleMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const refused = (code: Problem['code'], detail: string): Problem => ({ code, detail: `file: ${detail}`, field: 'file', errors: [{ field: 'file', reason: detail }] });
const unsupported = (detail: string): Problem => refused('UNSUPPORTED_MEDIA_TYPE', detail);

/** The name as stored and shown: no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '_').slice(0, fileNameLengthMax).trim();
  return clean === '' ? 'upload' : clean;
}

/** The kind the name (else the media type) declares; null: undecided, the first bytes decide. */
export function declaredFormat(fileName: string, mediaType: string): Result<ImportFormat | null, Problem> {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'csv') return ok(ext);
  if (ext !== undefined) {
    const hint = ext === 'xls' ? ' (save an .xls workbook as .xlsx)' : '';
    return fail(unsupported(`${JSON.stringify(fileName)} is a .${ext} file; only .csv and .xlsx files are imported${hint}`));
  }
  const mime = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  if (mime === xlsxMediaType) return ok('xlsx');
  if (mime === 'text/csv' || mime === 'application/csv') return ok('csv');
  return ok(null);
}

class Refusal extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** Passes the bytes through, counting them; checks the first bytes against the kind, and CSV for UTF-8 without NUL. */
class ContentCheck extends Transform {
  bytes = 0;
  format: ImportFormat | null;
  private pending: Buffer[] = [];
  private decided = false;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(declared: ImportFormat | null) {
    super();
    this.format = declared;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (!this.decided && this.bytes < magicBytes) {
      this.pending.push(chunk);
      return done();
    }
    const data = this.pending.length > 0 ? Buffer.concat([...this.pending, chunk]) : chunk;
    this.pending = [];
    done(this.inspect(data), data);
  }

  override _flush(done: TransformCallback): void {
    const rest = Buffer.concat(this.pending);
    this.pending = [];
    const problem = this.inspect(rest) ?? this.endOfText();
    if (problem !== null) return done(problem);
    if (rest.length > 0) this.push(rest);
    done();
  }

  private inspect(data: Buffer): Refusal | null {
    if (!this.decided) {
      this.decided = true;
      const problem = this.decide(data.subarray(0, magicBytes));
      if (problem !== null) return new Refusal(problem);
    }
    if (this.format !== 'csv' || data.length === 0) return null;
    if (data.includes(0)) return new Refusal(unsupported('holds NUL bytes: it is not UTF-8 CSV text (UTF-16? save it as "CSV UTF-8")'));
    try {
      this.utf8.decode(data, { stream: true });
    } catch {
      return notUtf8();
    }
    return null;
  }

  private endOfText(): Refusal | null {
    if (this.format !== 'csv') return null;
    try {
      this.utf8.decode();
    } catch {
      return notUtf8();
    }
    return null;
  }

  private decide(head: Buffer): Problem | null {
    const zip = head.subarray(0, zipMagic.length).equals(zipMagic);
    const ole = head.equals(oleMagic);
    if (ole) return unsupported('is an old Excel .xls workbook: save it as .xlsx or as CSV UTF-8');
    if (this.format === 'xlsx') return zip || head.length === 0 ? null : unsupported('is not an XLSX workbook (an XLSX file is a zip archive)');
    if (this.format === 'csv') return zip ? unsupported('is a zip archive (an XLSX workbook?), not CSV text') : null;
    this.format = zip ? 'xlsx' : 'csv';
    return null;
  }
}

const notUtf8 = () => new Refusal(unsupported('is not UTF-8 text: save it as "CSV UTF-8"'));

/**
 * Writes the upload to a temporary file while checking it. Refusals:
 * 415 (kind not CSV/XLSX, or the bytes disagree with it), 413 (over
 * `bytesMax`, PALLET_IMPORT_BYTES_MAX), 400 (empty).
 */
export async function spoolUpload(u: Upload, bytesMax: number): Promise<Result<SpooledFile, Problem>> {
  const fileName = cleanFileName(u.fileName);
  const declared = declaredFormat(fileName, u.mimetype);
  if (!declared.ok) {
    u.stream.resume(); // let the rest of the request go by
    return declared;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pallet-import-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  const check = new ContentCheck(declared.value);
  try {
    await pipeline(u.stream, check, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await remove();
    if (err instanceof Refusal) return fail(err.problem);
    // A system call that failed (the disk) is ours; anything else came with the upload (malformed multipart, ended early).
    if ((err as NodeJS.ErrnoException).syscall !== undefined) throw err;
    return fail(refused('VALIDATION_FAILED', `the upload could not be read: ${(err as Error).message}`.slice(0, 300)));
  }
  if (u.truncated()) {
    await remove();
    return fail(refused('BODY_TOO_LARGE', `is larger than ${bytesMax} bytes (PALLET_IMPORT_BYTES_MAX)`));
  }
  if (check.bytes === 0 || check.format === null) {
    await remove();
    return fail(refused('VALIDATION_FAILED', 'is empty'));
  }
  return ok({ ...importFileAt(path, fileName, check.format, check.bytes), remove });
}
