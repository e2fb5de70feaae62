// The catalog as the core sees it: warehouses and SKUs of one tenant.

export interface Component {
  readonly sku: string;
  readonly qty: number;
}

export interface Sku {
  readonly sku: string;
  readonly name: string;
  /** Non-empty for a bundle (kit): reserving one unit reserves each component by its ratio. */
  readonly components: readonly Component[];
}

export interface Warehouse {
  readonly id: string;
  readonly name: string;
  /** Province or state code, e.g. CN-ZJ, US-CA. */
  readonly region: string;
  /** Lower is preferred. */
  readonly priority: number;
}

export interface Catalog {
  readonly version: number;
  readonly warehouses: ReadonlyMap<string, Warehouse>;
  readonly skus: ReadonlyMap<string, Sku>;
}

export const isBundle = (sku: Sku): boolean => sku.components.length > 0;
