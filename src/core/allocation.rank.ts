// Warehouse ranking for a buyer: the order in which warehouses are tried.
import type { Warehouse } from './catalog.types.ts';

/** The country part of a region code: "CN" of "CN-ZJ". */
const countryOf = (region: string): string => region.split('-', 1)[0] ?? region;

/**
 * Ranks warehouses for a buyer in `region`: same region first, then same
 * country, then the rest; within a tier by priority (lower first), then id.
 * Without a region the order is by priority, then id.
 */
export function rankWarehouses(warehouses: Iterable<Warehouse>, region: string | undefined): Warehouse[] {
  const tier = (w: Warehouse): number => {
    if (region === undefined) return 0;
    if (w.region === region) return 0;
    return countryOf(w.region) === countryOf(region) ? 1 : 2;
  };
  return [...warehouses].sort((a, b) => tier(a) - tier(b) || a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
