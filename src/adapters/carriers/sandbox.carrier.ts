// The sandbox carrier: local and deterministic, for trials and tests. Waybill
// numbers are `SBX` + the tenant's next sequence number (10 digits), counted
// per tenant from 1 in this process; tracking says `created` (and
// `cancelled` once cancelled). Nothing leaves the process.
import { domainError, fail, ok, type Result } from '../../core/errors.ts';
import { trackingEventsMax, waybillBatchMax, type CarrierAdapter, type TrackingEvent, type Waybill, type WaybillRequest } from '../../app/carrier.port.ts';

interface TenantBook {
  next: number;
  /** waybillNo → issued at, cancelled at (ms). */
  readonly issued: Map<string, { atMs: number; cancelledAtMs: number | null }>;
}

export interface SandboxOptions {
  readonly nowMs: () => number;
  /** Tenants kept; the oldest is forgotten beyond it. */
  readonly tenantsMax?: number;
  /** Waybills remembered per tenant (for cancel and tracking); the oldest are forgotten beyond it. */
  readonly waybillsPerTenantMax?: number;
}

const sequenceDigits = 10;

export class SandboxCarrier implements CarrierAdapter {
  readonly code = 'SBX';
  private readonly books = new Map<string, TenantBook>();

  constructor(private readonly opts: SandboxOptions) {}

  async requestWaybills(req: WaybillRequest): Promise<Result<Waybill[]>> {
    if (req.parcels.length === 0 || req.parcels.length > waybillBatchMax) {
      return fail(domainError('VALIDATION_FAILED', `parcels must be 1..${waybillBatchMax}`, { field: 'parcels' }));
    }
    const book = this.book(req.tenant);
    const atMs = this.opts.nowMs();
    const waybills = req.parcels.map((p) => {
      const waybillNo = `SBX${String(book.next++).padStart(sequenceDigits, '0')}`;
      book.issued.set(waybillNo, { atMs, cancelledAtMs: null });
      return { parcelId: p.parcelId, waybillNo, carrier: this.code };
    });
    const keepMax = this.opts.waybillsPerTenantMax ?? 100_000;
    for (const no of book.issued.keys()) {
      if (book.issued.size <= keepMax) break;
      book.issued.delete(no);
    }
    return ok(waybills);
  }

  async cancelWaybill(tenant: string, waybillNo: string): Promise<Result<void>> {
    const w = this.books.get(tenant)?.issued.get(waybillNo);
    if (w === undefined) return fail(domainError('NOT_FOUND', `waybill ${waybillNo} was not issued by the sandbox carrier`, { waybillNo }));
    w.cancelledAtMs ??= this.opts.nowMs();
    return ok(undefined);
  }

  async tracking(tenant: string, waybillNo: string): Promise<Result<TrackingEvent[]>> {
    const w = this.books.get(tenant)?.issued.get(waybillNo);
    if (w === undefined) return fail(domainError('NOT_FOUND', `waybill ${waybillNo} was not issued by the sandbox carrier`, { waybillNo }));
    const events: TrackingEvent[] = [{ atMs: w.atMs, status: 'created', description: 'sandbox waybill issued' }];
    if (w.cancelledAtMs !== null) events.push({ atMs: w.cancelledAtMs, status: 'cancelled', description: 'sandbox waybill cancelled' });
    return ok(events.slice(0, trackingEventsMax));
  }

  private book(tenant: string): TenantBook {
    let book = this.books.get(tenant);
    if (book === undefined) {
      if (this.books.size >= (this.opts.tenantsMax ?? 10_000)) {
        const oldest = this.books.keys().next().value;
        if (oldest !== undefined) this.books.delete(oldest);
      }
      book = { next: 1, issued: new Map() };
      this.books.set(tenant, book);
    }
    return book;
  }
}
