// The reconcile result as the board's exceptions show it: what a reconciler
// stores per tenant (driftOfReport) and how the aggregator reads it back
// (parseDrift; any input: a malformed value is no drift).
import type { CellRef, VersionedCounters } from '../../core/stock.types.ts';
import type { DriftItem, DriftView } from './board.types.ts';

/**
 * The reconcile result stored as JSON under the tenant's drift key (TenantKeys.drift):
 * `{"checkedAtMs": n, "cells": n, "items": [{warehouse, sku, kind, redis, ledger, detail}]}` where
 * redis/ledger are `{onHand, reserved, committed, version}` or null — the CellDrift entries of a
 * ReconcileReport for that tenant (see driftOfReport).
 */
export function parseDrift(raw: string | null): DriftView | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as { checkedAtMs?: unknown; cells?: unknown; items?: unknown };
    if (typeof v.checkedAtMs !== 'number' || typeof v.cells !== 'number') return null;
    return { cells: v.cells, checkedAt: v.checkedAtMs, items: driftItems(Array.isArray(v.items) ? v.items : []) };
  } catch {
    return null;
  }
}

export interface CellDriftLike extends CellRef {
  readonly tenant?: string;
  readonly kind: string;
  readonly redis: unknown;
  readonly ledger: unknown;
  readonly detail?: string;
}

/** One tenant's drift from a reconcile run's cell drift list (what a reconciler stores under TenantKeys.drift). */
export function driftOfReport(drift: readonly CellDriftLike[], checkedAtMs: number, itemsMax = 100): DriftView {
  const cells = new Set(drift.map((d) => `${d.warehouse}/${d.sku}`)).size;
  return { cells, checkedAt: checkedAtMs, items: driftItems(drift.slice(0, itemsMax)) };
}

function driftItems(raw: readonly unknown[]): DriftItem[] {
  const items: DriftItem[] = [];
  for (const it of raw.slice(0, 1_000)) {
    const x = it as Partial<Record<keyof DriftItem, unknown>>;
    if (typeof x.warehouse !== 'string' || typeof x.sku !== 'string' || typeof x.kind !== 'string') continue;
    items.push({
      warehouse: x.warehouse, sku: x.sku, kind: x.kind, redis: countersOf(x.redis), ledger: countersOf(x.ledger),
      detail: typeof x.detail === 'string' ? x.detail : '',
    });
  }
  return items;
}

function countersOf(v: unknown): VersionedCounters | null {
  if (v === null || typeof v !== 'object') return null;
  const c = v as Record<string, unknown>;
  const n = (k: string): number => (typeof c[k] === 'number' ? (c[k] as number) : 0);
  return { onHand: n('onHand'), reserved: n('reserved'), committed: n('committed'), version: n('version') };
}
