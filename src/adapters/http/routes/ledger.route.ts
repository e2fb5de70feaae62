// The stock ledger and reservation history, read from PostgreSQL (the system
// of record, fed by the projector: it may trail Redis by the events in flight)
// through the ledger service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { LedgerCursor, LedgerEntry } from '../../../app/ledger.port.ts';
import { ledgerPageLimitDefault, ledgerPageLimitMax } from '../../../app/ledger.service.ts';
import { requireAccess, tenantOf } from '../auth.hook.ts';
import type { RouteDeps } from '../deps.ts';
import { sendDomainError, sendProblem } from '../problem.ts';

/** An opaque cursor: base64url of `<version>:<event id>`, the last item of the page before. */
export const encodeCursor = (c: LedgerCursor): string => Buffer.from(`${c.version}:${c.eventId}`, 'utf8').toString('base64url');

/**
 * The cursor, or null when `raw` is not one this API issued. Event ids are
 * printable ASCII (UUIDs, `<reservation>:<status>`, `payment:<tenant>:…`), so
 * a forged cursor cannot carry a NUL or other bytes into the query.
 */
export function decodeCursor(raw: string): LedgerCursor | null {
  const m = /^(\d{1,15}):([\x21-\x7e]{1,200})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return m ? { version: Number(m[1]), eventId: m[2]! } : null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

const entryBody = (e: LedgerEntry) => ({
  eventId: e.eventId, type: e.type, reservationId: e.reservationId, reason: e.reason,
  dOnHand: e.dOnHand, dReserved: e.dReserved, dCommitted: e.dCommitted,
  onHand: e.onHand, reserved: e.reserved, committed: e.committed, inTransit: e.inTransit, safetyStock: e.safetyStock,
  version: e.version, occurredAt: iso(e.occurredAtMs), recordedAt: iso(e.recordedAtMs),
});

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ledgerRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { schemas: s, auth, ledger } = deps;
  const ledgerReader = requireAccess(auth, { scopes: ['read', 'admin'] });
  const historyReader = requireAccess(auth, { scopes: ['read', 'checkout'] });

  const CellParams = Type.Object({ warehouse: s.Id('warehouse id'), sku: s.Id('sku') });
  const PageQuery = Type.Object({
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' })),
    // A string: the app does not coerce query types; the pattern is exactly 1..500.
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-9][0-9]|[1-4][0-9]{2}|500)$', description: `items per page, 1..${ledgerPageLimitMax} (default ${ledgerPageLimitDefault})` })),
  }, { additionalProperties: false });
  const Entry = Type.Object({
    eventId: Type.String(), type: Type.String(), reservationId: Nullable(Type.String()), reason: Nullable(Type.String()),
    dOnHand: Type.Integer(), dReserved: Type.Integer(), dCommitted: Type.Integer(),
    onHand: Type.Integer(), reserved: Type.Integer(), committed: Type.Integer(),
    inTransit: Nullable(Type.Integer()), safetyStock: Nullable(Type.Integer()),
    version: Type.Integer(), occurredAt: Type.String(), recordedAt: Type.String(),
  });
  const Page = Type.Object({ warehouse: Type.String(), sku: Type.String(), items: Type.Array(Entry), nextCursor: Nullable(Type.String()) });

  app.get('/v1/stock/:warehouse/:sku/ledger', {
    onRequest: ledgerReader,
    schema: {
      summary: 'Every stock movement of a SKU in a warehouse, oldest first (cursor-paginated by cell version)', tags: ['stock'],
      params: CellParams, querystring: PageQuery, response: { 200: Page },
    },
  }, async (request, reply) => {
    const { warehouse, sku } = request.params;
    const limit = request.query.limit === undefined ? ledgerPageLimitDefault : Number(request.query.limit);
    const cursor = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor);
    if (request.query.cursor !== undefined && cursor === null) {
      return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: 'querystring.cursor is not a cursor this API issued', field: 'querystring.cursor' });
    }
    const page = await ledger.page(tenantOf(request), warehouse, sku, cursor, limit);
    return reply.send({ warehouse, sku, items: page.items.map(entryBody), nextCursor: page.next === null ? null : encodeCursor(page.next) });
  });

  const HistoryItem = Type.Object({
    eventId: Type.String(), type: Type.String(), status: Type.String(), fromStatus: Nullable(Type.String()),
    sequence: Type.Integer(), occurredAt: Type.String(), recordedAt: Type.String(),
  });
  const History = Type.Object({
    id: Type.String(), status: Type.String(),
    allocations: Type.Array(Type.Object({ warehouse: Type.String(), sku: Type.String(), qty: Type.Integer() })),
    createdAt: Nullable(Type.String()), expiresAt: Nullable(Type.String()), confirmedAt: Nullable(Type.String()),
    items: Type.Array(HistoryItem),
  });

  app.get('/v1/reservations/:id/history', {
    onRequest: historyReader,
    schema: {
      summary: 'Every event of a reservation as recorded in PostgreSQL, in order', tags: ['reservations'],
      params: Type.Object({ id: s.Id('reservation id') }), response: { 200: History },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const found = await ledger.history(tenantOf(request), id);
    if (!found.ok) return sendDomainError(reply, found.error);
    const { reservation: r, events } = found.value;
    return reply.send({
      id: r.id, status: r.status, allocations: r.allocations.map(([warehouse, sku, qty]) => ({ warehouse, sku, qty })),
      createdAt: isoOrNull(r.createdAtMs), expiresAt: isoOrNull(r.expiresAtMs), confirmedAt: isoOrNull(r.confirmedAtMs),
      items: events.map((e) => ({
        eventId: e.eventId, type: e.type, status: e.status, fromStatus: e.fromStatus, sequence: e.sequence,
        occurredAt: iso(e.occurredAtMs), recordedAt: iso(e.recordedAtMs),
      })),
    });
  });
};
