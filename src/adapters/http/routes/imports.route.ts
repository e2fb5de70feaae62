// Batch import of orders into a channel from a CSV or XLSX file (issue 11):
// POST the file as multipart/form-data (field `file`), get the report's
// summary once every imported order is durable in the intake stream; read
// the per-row report and the channel's imports later. The multipart parser
// is registered inside this plugin only: every other route keeps taking JSON
// alone (415 for anything else).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { offsetMinutesOf } from '../../../core/channel.transforms.ts';
import { domainError, type DomainError } from '../../../core/errors.ts';
import type { RowReport } from '../../../core/import.rows.ts';
import type { ImportSummary } from '../../../app/import.port.ts';
import type { ImportService } from '../../../app/import.service.ts';
import type { AuthService } from '../../../app/auth.service.ts';
import type { Config } from '../../../config.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import { sendDomainError, sendProblem } from '../problem.ts';
import { spoolUpload, xlsxMediaType } from '../import.upload.ts';

export interface ImportRouteDeps {
  readonly config: Config;
  readonly auth: AuthService;
  readonly imports: ImportService;
}

/** Rows per page of a report, and imports per page of the list. */
export const reportLimitMax = 1_000;
const reportLimitDefault = 100;
const listLimitMax = 200;
const listLimitDefault = 50;
/** Without an offset in the text, date-times are read in this one (the timezone query parameter changes it). */
export const importTimezoneDefault = '+08:00';
/** How long the socket may stay silent while an import runs (the file is in; the answer is being made). */
const importSocketTimeoutMs = 10 * 60_000;

const strict = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const SummaryBody = Type.Object({
  id: Type.String(), channel: Type.String(), fileName: Type.String(), format: Type.String(), fileBytes: Type.Integer(), actor: Type.String(),
  status: Type.String({ description: 'running, finished, failed' }),
  rows: Type.Object({ total: Type.Integer(), imported: Type.Integer(), duplicate: Type.Integer(), rejected: Type.Integer() }),
  ordersImported: Type.Integer(), createdAt: Type.String(), finishedAt: Nullable(Type.String()),
});
const RowBody = Type.Object({
  row: Type.Integer({ description: 'as a spreadsheet numbers it: the header is row 1' }), externalId: Nullable(Type.String()),
  outcome: Type.String({ description: 'imported, duplicate, rejected' }), column: Nullable(Type.String()), reason: Nullable(Type.String()),
});

export function summaryBody(s: ImportSummary) {
  return {
    id: s.id, channel: s.channel, fileName: s.fileName, format: s.format, fileBytes: s.fileBytes, actor: s.actor, status: s.status,
    rows: { total: s.rowsTotal, imported: s.rowsImported, duplicate: s.rowsDuplicate, rejected: s.rowsRejected },
    ordersImported: s.ordersImported, createdAt: s.createdAt.toISOString(), finishedAt: s.finishedAt === null ? null : s.finishedAt.toISOString(),
  };
}

const rowBody = (r: RowReport) => ({ row: r.rowNumber, externalId: r.externalId, outcome: r.outcome, column: r.column, reason: r.reason });

const postDescription = `multipart/form-data with the file in the field \`file\`: \`.csv\` (UTF-8, comma-separated) or \`.xlsx\`
(the first worksheet). A header row names the columns (README: Batch import); one row per order line, consecutive rows
with the same externalId are one order. Date-times without an offset are read in \`timezone\` (default ${importTimezoneDefault}).
201 with the report's summary once every imported order is durable in the intake stream; the orders role then creates them.
400 a missing column or an empty file, 413 over PALLET_IMPORT_BYTES_MAX, 415 not CSV/XLSX, 422 LIMIT_EXCEEDED over
PALLET_IMPORT_ROWS_MAX (nothing imported), 503 when the intake stream does not acknowledge (the rows so far are reported).`;

export const importRoutes: FastifyPluginAsyncTypebox<ImportRouteDeps> = async (app, deps) => {
  const { auth, imports, config } = deps;
  const bytesMax = config.orders.importBytesMax;
  // Encapsulated (this plugin only); no fields but the file, one file.
  await app.register(multipart, { limits: { fileSize: bytesMax, files: 1, fields: 4, fieldSize: 1024, parts: 8, headerPairs: 200 }, throwFileSizeLimit: false });
  // A `channel` key (a connector pulling from the platform's API) imports into, and reads the imports of, its own channel only.
  const operations = requireAccess(auth, { scopes: ['admin', 'ops'], channelParam: 'id' });
  const readers = requireAccess(auth, { scopes: ['admin', 'ops', 'read'], channelParam: 'id' });
  const ChannelId = Type.String({ pattern: `^[A-Za-z0-9_-]{1,${config.limits.idLengthMax}}$`, description: 'channel id' });
  const ImportId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'import id (imp_…)' });

  app.post('/v1/channels/:id/imports', {
    onRequest: operations,
    schema: {
      summary: 'Import orders into a channel from a CSV or XLSX file', description: postDescription, tags: ['channels'],
      consumes: ['multipart/form-data'],
      params: Type.Object({ id: ChannelId }),
      querystring: Type.Object({
        timezone: Type.Optional(Type.String({ pattern: '^(?:Z|[+-][0-9]{2}:[0-9]{2})$', description: `UTC offset of date-times written without one (default ${importTimezoneDefault})` })),
      }, strict),
      response: { 201: SummaryBody },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) {
      return sendProblem(reply, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: `content-type must be multipart/form-data with the file in the field "file" (${xlsxMediaType} or text/csv)`, field: 'headers.content-type' });
    }
    const offsetMinutes = offsetMinutesOf(request.query.timezone ?? importTimezoneDefault);
    if (offsetMinutes === null) return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: 'querystring.timezone is beyond ±14:00', field: 'querystring.timezone' });
    return importFile(request, reply, deps, request.params.id, offsetMinutes);
  });

  app.get('/v1/channels/:id/imports', {
    onRequest: readers,
    schema: {
      summary: "A channel's imports, newest first", tags: ['channels'], params: Type.Object({ id: ChannelId }),
      querystring: Type.Object({
        cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: 'nextCursor of the page before' })),
        limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|200)$', description: `imports per page, 1..${listLimitMax} (default ${listLimitDefault})` })),
      }, strict),
      response: { 200: Type.Object({ imports: Type.Array(SummaryBody), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (request, reply) => {
    const { cursor, limit } = request.query;
    const page = await imports.list(tenantOf(request), request.params.id, cursor ?? null, limit === undefined ? listLimitDefault : Number(limit));
    if (!page.ok) return sendDomainError(reply, inQuery(page.error));
    return reply.send({ imports: page.value.imports.map(summaryBody), nextCursor: page.value.nextCursor });
  });

  app.get('/v1/channels/:id/imports/:importId', {
    onRequest: readers,
    schema: {
      summary: "An import's summary and its per-row report, in row order", tags: ['channels'],
      params: Type.Object({ id: ChannelId, importId: ImportId }),
      querystring: Type.Object({
        afterRow: Type.Optional(Type.String({ pattern: '^(?:0|[1-9][0-9]{0,8})$', description: 'rows after this row number (nextAfterRow of the page before)' })),
        limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]{0,2}|1000)$', description: `rows per page, 1..${reportLimitMax} (default ${reportLimitDefault})` })),
        outcome: Type.Optional(Type.Union([Type.Literal('imported'), Type.Literal('duplicate'), Type.Literal('rejected')])),
      }, strict),
      response: { 200: Type.Object({ import: SummaryBody, rows: Type.Array(RowBody), nextAfterRow: Type.Union([Type.Integer(), Type.Null()]) }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const got = await imports.get(tenantOf(request), request.params.id, request.params.importId, {
      afterRow: q.afterRow === undefined ? 0 : Number(q.afterRow), limit: q.limit === undefined ? reportLimitDefault : Number(q.limit),
      ...(q.outcome === undefined ? {} : { outcome: q.outcome }),
    });
    if (!got.ok) return sendDomainError(reply, got.error);
    return reply.send({ import: summaryBody(got.value.summary), rows: got.value.rows.map(rowBody), nextAfterRow: got.value.nextAfterRow });
  });
};

/** The store names a bad cursor or limit bare (`cursor`); the API names it where it was sent (`querystring.cursor`). */
function inQuery(e: DomainError): DomainError {
  const field = e.extra?.field;
  if (e.code !== 'VALIDATION_FAILED' || typeof field !== 'string' || field.includes('.')) return e;
  return domainError(e.code, `querystring.${e.detail}`, { ...e.extra, field: `querystring.${field}` });
}

/** The upload → a spooled file → the import; the file is removed whatever happens. */
async function importFile(request: FastifyRequest, reply: FastifyReply, deps: ImportRouteDeps, channel: string, offsetMinutes: number) {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (err) {
    return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: `body is not readable multipart/form-data: ${(err as Error).message}`.slice(0, 300), field: 'body' });
  }
  if (part === undefined) return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: 'file: the form has no file part (field "file")', field: 'file' });
  if (part.fieldname !== 'file') {
    part.file.resume();
    return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: `file: the file must be in the form field "file", not ${JSON.stringify(part.fieldname.slice(0, 64))}`, field: 'file' });
  }
  // The upload is being read: while the import runs after it, the socket is silent for longer than a request usually is.
  request.raw.socket?.setTimeout?.(Math.max(deps.config.requestTimeoutMs, importSocketTimeoutMs));
  const spooled = await spoolUpload({ stream: part.file, fileName: part.filename, mimetype: part.mimetype, truncated: () => part.file.truncated }, deps.config.orders.importBytesMax);
  if (!spooled.ok) return sendProblem(reply, spooled.error);
  const principal = request.principal;
  const keyId = principal !== null && principal.kind === 'tenant' ? principal.keyId : 'unknown';
  let done: Awaited<ReturnType<ImportService['run']>>;
  try {
    done = await deps.imports.run({ tenant: tenantOf(request), channel, keyId, file: spooled.value, offsetMinutes });
  } finally {
    await spooled.value.remove(); // before answering: the file is gone when the client hears back
  }
  return done.ok ? reply.code(201).send(summaryBody(done.value)) : sendDomainError(reply, done.error);
}
