// The topics a dashboard subscribes to (docs/dashboard-protocol.md): the
// tenant's stock (all cells, one SKU's, the low ones), today's reservations
// (orders.today), today's order pool (orders.pool) and the exceptions. Topic
// names come from clients: parsed strictly.

export type TopicKind = 'orders' | 'stockAll' | 'stockSku' | 'stockLow' | 'exceptions' | 'orderPool';

export interface Topic {
  readonly name: string;
  readonly kind: TopicKind;
  /** Only for stockSku. */
  readonly sku?: string;
}

// A Map, never a plain object: a client's topic name must not reach inherited
// properties (`constructor`, `__proto__`, `toString`, ...).
const fixedTopics: ReadonlyMap<string, TopicKind> = new Map<string, TopicKind>([
  ['orders.today', 'orders'], ['stock.all', 'stockAll'], ['stock.low', 'stockLow'], ['exceptions', 'exceptions'],
  ['orders.pool', 'orderPool'],
]);
const skuTopicPrefix = 'stock.sku.';

/** The topic of a subscription name, or null for a name no topic has (any input: it comes from clients). */
export function parseTopic(name: unknown, skuLengthMax = 64): Topic | null {
  if (typeof name !== 'string') return null;
  const kind = fixedTopics.get(name);
  if (kind !== undefined) return { name, kind };
  if (!name.startsWith(skuTopicPrefix)) return null;
  const sku = name.slice(skuTopicPrefix.length);
  if (sku.length < 1 || sku.length > skuLengthMax || !/^[A-Za-z0-9._-]+$/.test(sku)) return null;
  return { name, kind: 'stockSku', sku };
}

export const skuTopic = (sku: string): string => `${skuTopicPrefix}${sku}`;

/** Whether a topic's snapshots carry the catalog's names (warehouses, SKUs, bundles). */
export const needsNames = (kind: TopicKind): boolean => kind === 'stockAll' || kind === 'stockSku';
