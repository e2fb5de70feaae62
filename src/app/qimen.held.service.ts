// The approval queue of QiMen stock changes (issue 14): a stockchange.report
// movement above PALLET_QIMEN_STOCK_TOLERANCE_UNITS is held, not applied
// (qimen.inbound.service.ts); a person with an admin or ops key lists the held
// changes of a warehouse and approves or rejects each, once.
//
// Approving writes the adjustment through the stock service (the ledger row's
// reason names the approving key) inside the transaction that moves the change
// from held to approved, under an idempotency key of the change:
// - two approvals racing: the second waits for the first's row and then finds
//   it approved (no second adjustment, the same answer);
// - the stock engine refusing (e.g. a loss larger than what is not reserved):
//   the change stays held and the refusal is the answer;
// - a crash between the adjustment and the commit: the change is still held,
//   and the next approval finds the adjustment under the same idempotency key
//   (IDEMPOTENCY_KEY_REUSED when another key approves, the reason differing),
//   so it is counted once. That holds while the engine keeps the key
//   (PALLET_IDEMPOTENCY_TTL_SECONDS).
// Rejecting moves the change to rejected and changes no stock. A decision of
// the other kind afterwards is 409 HELD_CHANGE_DECIDED naming the state.
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import type { CatalogService } from './catalog.service.ts';
import type { Clock } from './clock.port.ts';
import type { HeldChangePage, HeldChangeState, HeldStockChange, QimenHeldChangeStore } from './qimen.port.ts';

type Adjust = (tenant: string, warehouse: string, sku: string, delta: number, reason: string, idempotencyKey?: string) => Promise<Result<unknown>>;

export class QimenHeldChangeService {
  constructor(
    private readonly store: QimenHeldChangeStore,
    private readonly stock: { adjust: Adjust },
    private readonly catalogs: Pick<CatalogService, 'get'>,
    private readonly clock: Clock,
  ) {}

  async list(tenant: string, warehouse: string, state: HeldChangeState | null, cursor: string | null, limit: number): Promise<Result<HeldChangePage>> {
    const known = await this.warehouseKnown(tenant, warehouse);
    if (!known.ok) return known;
    const page = await this.store.heldChanges(tenant, warehouse, state, cursor, limit);
    return page === null ? fail(domainError('VALIDATION_FAILED', 'querystring.cursor is not one this list returned', { field: 'querystring.cursor' })) : ok(page);
  }

  /** Applies the held change's adjustment, once; `keyId` is the approving API key. */
  approve(tenant: string, warehouse: string, id: string, keyId: string, note: string | null): Promise<Result<HeldStockChange>> {
    return this.decide(tenant, warehouse, id, 'approved', keyId, note, async (c) => {
      const written = await this.stock.adjust(tenant, warehouse, c.sku, c.delta, approvedReason(c.reason, keyId), `qimen.held.${c.id}`);
      if (written.ok || written.error.code === 'IDEMPOTENCY_KEY_REUSED') return null;
      return written.error;
    });
  }

  /** Marks the held change rejected; no stock changes. */
  reject(tenant: string, warehouse: string, id: string, keyId: string, note: string | null): Promise<Result<HeldStockChange>> {
    return this.decide(tenant, warehouse, id, 'rejected', keyId, note, () => Promise.resolve(null));
  }

  private async decide(
    tenant: string, warehouse: string, id: string, state: 'approved' | 'rejected', keyId: string, note: string | null,
    effect: (c: HeldStockChange) => Promise<DomainError | null>,
  ): Promise<Result<HeldStockChange>> {
    const known = await this.warehouseKnown(tenant, warehouse);
    if (!known.ok) return known;
    const decided = await this.store.decide(tenant, warehouse, id, { state, by: `key:${keyId}`, note, atMs: this.clock.nowMs() }, effect);
    switch (decided.kind) {
      case 'not_found':
        return fail(domainError('NOT_FOUND', `warehouse ${warehouse} has no held stock change ${id}`, { field: 'params.changeId' }));
      case 'refused':
        return fail(decided.error);
      case 'decided':
        if (decided.change.state === state) return ok(decided.change);
        return fail(domainError('HELD_CHANGE_DECIDED', `held stock change ${id} was ${decided.change.state} before; it cannot be ${state}`, {
          state: decided.change.state, decidedAt: decided.change.decidedAtMs === null ? null : new Date(decided.change.decidedAtMs).toISOString(),
          decidedBy: decided.change.decidedBy,
        }));
    }
  }

  private async warehouseKnown(tenant: string, warehouse: string): Promise<Result<void>> {
    const catalog = await this.catalogs.get(tenant);
    if (catalog === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    if (!catalog.warehouses.has(warehouse)) return fail(domainError('UNKNOWN_WAREHOUSE', `unknown warehouse: ${warehouse}`, { warehouse, field: 'params.id' }));
    return ok(undefined);
  }
}

/** The ledger reason of an approved change: the WMS's reason and who approved it. */
const approvedReason = (reason: string, keyId: string): string => `${reason}; approved by key ${keyId}`;
