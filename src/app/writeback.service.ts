// Channel write-back (issue 12): pushes a shipped order's shipments to the
// platform it came from, one request per shipment, through the adapter of the
// channel's type. Driven by the writeback role (roles/writeback.role.ts) on
// every order.changed event; reads the order as it is now, so a stale or
// repeated event does no harm, and skips every shipment already recorded
// pushed (idempotent per (order, shipment) whatever is redelivered).
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import type { ChannelType, Order, OrderStatus } from '../core/order.types.ts';
import type { Clock } from './clock.port.ts';
import type { ChannelInfo } from './order.port.ts';
import type { Shipment } from './wms-callback.port.ts';
import type {
  WritebackAdapter, WritebackConfigInfo, WritebackCredentials, WritebackRecord, WritebackShipment, WritebackStore, WritebackTarget,
} from './writeback.port.ts';

/** Where the service reads the order, its channel and its shipments. */
export interface WritebackSources {
  order(tenant: string, orderId: string): Promise<Order | null>;
  channel(tenant: string, id: string): Promise<ChannelInfo | null>;
  shipments(tenant: string, orderId: string, limit: number): Promise<Shipment[]>;
}

export interface WritebackOptions {
  /** Each push's whole exchange is bounded by this. */
  readonly timeoutMs: number;
}

/** What one order.changed did: nothing to do, every shipment pushed, or the failures (each recorded). */
export type WritebackRun =
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'pushed'; readonly count: number }
  | { readonly kind: 'failed'; readonly errors: readonly string[] };

/** Orders whose shipments are written back: shipped, and still so once delivered. */
const writtenBack: ReadonlySet<OrderStatus> = new Set(['shipped', 'delivered']);
/** Shipments pushed per order (the shipments the order lists at most, order.fulfilment.service.ts). */
export const writebackShipmentsMax = 200;
export const writebackUrlLengthMax = 2_048;
export const writebackCredentialLengthMax = 1_024;
const shipmentKey = (carrier: string, trackingNumber: string) => `${carrier}\u0000${trackingNumber}`;

export class WritebackService {
  constructor(
    private readonly sources: WritebackSources,
    private readonly store: WritebackStore,
    private readonly adapters: Readonly<Partial<Record<ChannelType, WritebackAdapter>>>,
    private readonly clock: Clock,
    private readonly opts: WritebackOptions,
  ) {}

  /** Pushes the order's shipments not pushed yet; `last`: the consumer's last try, failures are then dead. */
  async run(tenant: string, orderId: string, last: boolean): Promise<WritebackRun> {
    const order = await this.sources.order(tenant, orderId);
    if (order === null) return { kind: 'skipped', reason: 'no such order' };
    if (!writtenBack.has(order.status)) return { kind: 'skipped', reason: `order is ${order.status}` };
    const channel = await this.sources.channel(tenant, order.channel);
    if (channel === null) return { kind: 'skipped', reason: `channel ${order.channel} is gone` };
    const adapter = this.adapters[channel.type];
    const settings = await this.store.config(tenant, channel.id);
    if (adapter === undefined || settings === null) return { kind: 'skipped', reason: `channel ${channel.id} has no write-back` };
    const target: WritebackTarget = { channel: channel.id, type: channel.type, url: settings.url, credentials: settings.credentials, timeoutMs: this.opts.timeoutMs };
    const done = new Set((await this.store.records(tenant, orderId, writebackShipmentsMax))
      .filter((r) => r.status === 'pushed').map((r) => shipmentKey(r.carrier, r.trackingNumber)));
    const todo = (await this.sources.shipments(tenant, orderId, writebackShipmentsMax))
      .filter((s) => !done.has(shipmentKey(s.carrier, s.trackingNumber)));
    const errors: string[] = [];
    for (const s of todo) {
      const shipment: WritebackShipment = { orderId, externalId: order.externalId, warehouse: s.warehouse, carrier: s.carrier, trackingNumber: s.trackingNumber, shippedAtMs: s.shippedAtMs };
      const outcome = await adapter.push(target, shipment, this.clock.nowMs());
      const about = { orderId, channel: channel.id, carrier: s.carrier, trackingNumber: s.trackingNumber };
      if (outcome.ok) {
        await this.store.recordPushed(tenant, { ...about, reference: outcome.reference });
      } else {
        await this.store.recordFailure(tenant, { ...about, error: outcome.error, dead: last });
        errors.push(`${s.carrier} ${s.trackingNumber}: ${outcome.error}`);
      }
    }
    return errors.length === 0 ? { kind: 'pushed', count: todo.length } : { kind: 'failed', errors };
  }

  /** Sets a channel's write-back endpoint and credentials (stored encrypted; the ones not given are cleared). */
  async configure(tenant: string, channelId: string, url: string, credentials: WritebackCredentials): Promise<Result<WritebackConfigInfo>> {
    const checked = checkUrl(url);
    if (!checked.ok) return checked;
    const channel = await this.sources.channel(tenant, channelId);
    if (channel === null) return fail(domainError('CHANNEL_NOT_FOUND', `channel ${channelId} not found`, { channel: channelId }));
    const missing = requiredCredentials[channel.type].find((k) => (credentials[k] ?? '') === '');
    if (missing !== undefined) {
      return fail(domainError('VALIDATION_FAILED', `body.${missing} is required for a ${channel.type} channel's write-back`, { field: `body.${missing}` }));
    }
    const saved = await this.store.putConfig(tenant, channelId, { url, credentials });
    return saved === null ? fail(domainError('CHANNEL_NOT_FOUND', `channel ${channelId} not found`, { channel: channelId })) : ok(saved);
  }

  /** The order's write-back records, oldest first. */
  records(tenant: string, orderId: string): Promise<WritebackRecord[]> {
    return this.store.records(tenant, orderId, writebackShipmentsMax);
  }
}

/** What each type's adapter cannot do without. */
const requiredCredentials: Readonly<Record<ChannelType, readonly (keyof WritebackCredentials)[]>> = {
  shopify: ['accessToken'],
  woocommerce: ['appKey', 'appSecret'],
  taobao: ['appKey', 'appSecret', 'accessToken'],
  jd: ['appKey', 'appSecret', 'accessToken'],
  pinduoduo: ['appKey', 'appSecret', 'accessToken'],
  douyin: ['appKey', 'appSecret', 'accessToken'],
  generic: ['appSecret'],
};

function checkUrl(url: string): Result<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(domainError('VALIDATION_FAILED', 'body.url must be an absolute http(s) URL', { field: 'body.url' }));
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fail(domainError('VALIDATION_FAILED', 'body.url must be http or https', { field: 'body.url' }));
  if (parsed.username !== '' || parsed.password !== '') return fail(domainError('VALIDATION_FAILED', 'body.url must not carry credentials; pass them as appKey/appSecret/accessToken', { field: 'body.url' }));
  return ok(undefined);
}
