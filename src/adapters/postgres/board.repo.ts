// Today's cohort for the dashboard board's start-up snapshot (BoardLedger):
// the reservations created today and the payment exceptions of today, read
// with a cursor (bounded batches) straight into the board.
import postgres from 'postgres';
import type { BoardInputs, BoardLedger, DayLoaded } from '../../app/board.port.ts';
import type { Day } from '../../app/board/day.ts';
import type { ReservationStatus } from '../../core/stock.types.ts';
import type { Sql } from './sql.ts';

/** Rows per cursor batch. */
const batchRows = 5_000;
/** undefined_table: the ledger's migrations have not run in this schema. */
const undefinedTable = '42P01';

const statuses: readonly string[] = ['held', 'confirmed', 'released', 'expired', 'fulfilled'];
const isStatus = (s: string): s is ReservationStatus => statuses.includes(s);

export class PgBoardRepo implements BoardLedger {
  /** `sql`: PostgreSQL with the namespace's schema on its search_path. */
  constructor(private readonly sql: Sql) {}

  async loadDay(day: Day, rowsMax: number, board: BoardInputs): Promise<DayLoaded | null> {
    try {
      const reservations = await this.loadReservations(day, rowsMax, board);
      const payments = await this.loadPayments(day, rowsMax, board);
      return { reservations, payments };
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === undefinedTable) return null;
      throw err;
    }
  }

  private async loadReservations(day: Day, rowsMax: number, board: BoardInputs): Promise<number> {
    let n = 0;
    await this.sql<{ tenant_id: string; id: string; status: string; last_sequence: number; created_ms: string }[]>`
      select tenant_id, id, status, last_sequence, (extract(epoch from created_at) * 1000)::bigint as created_ms
      from reservations
      where created_at >= ${new Date(day.startMs)} and created_at < ${new Date(day.endMs)}
      limit ${rowsMax}`.cursor(batchRows, (rows) => {
      for (const r of rows) {
        if (!isStatus(r.status)) continue;
        board.applyReservation(r.tenant_id, { id: r.id, status: r.status, sequence: Number(r.last_sequence), createdAt: Number(r.created_ms) });
        n++;
      }
    });
    return n;
  }

  private async loadPayments(day: Day, rowsMax: number, board: BoardInputs): Promise<number> {
    let n = 0;
    await this.sql<{ tenant_id: string; payment_id: string; reservation_id: string; reason: string; resolution: string; new_reservation_id: string | null; at_ms: string }[]>`
      select tenant_id, payment_id, reservation_id, reason, resolution, new_reservation_id,
        (extract(epoch from occurred_at) * 1000)::bigint as at_ms
      from payment_exceptions
      where occurred_at >= ${new Date(day.startMs)} and occurred_at < ${new Date(day.endMs)}
      order by occurred_at desc
      limit ${rowsMax}`.cursor(batchRows, (rows) => {
      for (const r of rows) {
        board.applyOrphanedPayment(r.tenant_id, {
          paymentId: r.payment_id, reservationId: r.reservation_id, reason: r.reason, resolution: r.resolution,
          newReservationId: r.new_reservation_id ?? '', at: Number(r.at_ms),
        });
        n++;
      }
    });
    return n;
  }
}
