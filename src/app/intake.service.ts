// Order documents coming in (issue 11): a channel's signed webhook or pulled
// document, and the tenant's own storefront. Verified before anything is
// parsed, made durable as received (the intake stream), answered 202; the
// orders role maps and applies them (order.apply.service.ts).
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import type { ChannelType } from '../core/order.types.ts';
import { verifyChannelSignature, type ChannelHeaders } from './channel.signature.ts';
import type { IntakeDocument, IntakeLog, IntakeSource } from './intake.port.ts';
import type { ChannelStore } from './order.port.ts';
import { orderIdOf } from './order.ids.ts';

export interface IntakeOptions {
  /** Documents whose append awaits the stream's ack; above it callers get 503 (OVERLOADED). */
  readonly inflightMax: number;
  readonly publishTimeoutMs: number;
  readonly timestampToleranceSeconds: number;
}

/** Where each channel type carries its delivery id (lower-case header names). */
export const deliveryHeaders: Readonly<Record<ChannelType, string>> = {
  shopify: 'x-shopify-webhook-id',
  woocommerce: 'x-wc-webhook-delivery-id',
  taobao: 'pallet-delivery-id', jd: 'pallet-delivery-id', pinduoduo: 'pallet-delivery-id', douyin: 'pallet-delivery-id', generic: 'pallet-delivery-id',
};
const topicHeaders: Readonly<Partial<Record<ChannelType, string>>> = { shopify: 'x-shopify-topic', woocommerce: 'x-wc-webhook-topic' };

/** The built-in channel of `POST /v1/orders` (type generic, no webhook secret). */
export const storefrontChannel = 'storefront';

const deliveryIdPattern = /^[\x21-\x7e]{1,128}$/;

function one(headers: ChannelHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
}

export class IntakeService {
  private inflight = 0;

  constructor(
    private readonly channels: ChannelStore,
    private readonly log: IntakeLog,
    private readonly clock: { nowMs(): number },
    private readonly opts: IntakeOptions,
  ) {}

  /** A channel's document: signature first, then the delivery id, then durable. */
  async receive(tenant: string, channelId: string, headers: ChannelHeaders, body: Uint8Array): Promise<Result<{ accepted: true }>> {
    const channel = await this.channels.get(tenant, channelId);
    if (channel === null) return fail(domainError('CHANNEL_NOT_FOUND', `channel ${channelId} not found`, { channel: channelId }));
    const secrets = (await this.channels.webhookSecrets(tenant, channelId)) ?? [];
    const verified = verifyChannelSignature({
      type: channel.type, headers, body, secrets, nowMs: this.clock.nowMs(), timestampToleranceSeconds: this.opts.timestampToleranceSeconds,
    });
    if (!verified.ok) return verified;
    const header = deliveryHeaders[channel.type];
    const deliveryId = one(headers, header);
    if (deliveryId === undefined || !deliveryIdPattern.test(deliveryId)) {
      return fail(domainError('VALIDATION_FAILED', `headers.${header} is missing or is not 1-128 printable characters`, { field: `headers.${header}` }));
    }
    const topicHeader = topicHeaders[channel.type];
    const topic = topicHeader === undefined ? '' : (one(headers, topicHeader) ?? '').slice(0, 64);
    return this.append({ tenant, channel: channelId, deliveryId, receivedAtMs: this.clock.nowMs(), source: 'webhook', topic, actor: `channel:${channelId}`, body }, true);
  }

  /**
   * The storefront's own order (canonical JSON, already validated by the
   * route): its Idempotency-Key is the delivery id; the order id is known at once.
   */
  async submit(tenant: string, keyId: string, idempotencyKey: string, externalId: string, body: Uint8Array): Promise<Result<{ accepted: true; orderId: string }>> {
    const channel = await this.ensureStorefront(tenant);
    if (!channel.ok) return channel;
    const appended = await this.append({
      tenant, channel: storefrontChannel, deliveryId: idempotencyKey, receivedAtMs: this.clock.nowMs(), source: 'storefront', topic: '',
      actor: `key:${keyId}`, body,
    }, false);
    if (!appended.ok) return appended;
    return ok({ accepted: true, orderId: orderIdOf(storefrontChannel, externalId) });
  }

  private async ensureStorefront(tenant: string): Promise<Result<true>> {
    if ((await this.channels.get(tenant, storefrontChannel)) !== null) return ok(true);
    const created = await this.channels.create(tenant, { id: storefrontChannel, type: 'generic', name: 'Own storefront (POST /v1/orders)' });
    if (created.ok || created.error.code === 'CHANNEL_EXISTS') return ok(true);
    return created;
  }

  /** Durable in the intake stream, or OVERLOADED; `refuseReplays`: a delivery seen before is 409. */
  private async append(doc: IntakeDocument & { source: IntakeSource }, refuseReplays: boolean): Promise<Result<{ accepted: true }>> {
    if (this.inflight >= this.opts.inflightMax) return fail(overloaded('too many order documents wait for the event log'));
    this.inflight++;
    try {
      if (refuseReplays && await this.channels.deliverySeen(doc.tenant, doc.channel, doc.deliveryId)) return fail(replayed(doc.deliveryId));
      const { duplicate } = await this.log.append(doc, this.opts.publishTimeoutMs);
      if (duplicate && refuseReplays) return fail(replayed(doc.deliveryId));
      return ok({ accepted: true });
    } catch {
      return fail(overloaded('the event log did not acknowledge the document in time'));
    } finally {
      this.inflight--;
    }
  }
}

const overloaded = (detail: string): DomainError => domainError('OVERLOADED', `${detail}; retry later`);
const replayed = (deliveryId: string): DomainError =>
  domainError('CALLBACK_REPLAYED', `delivery ${deliveryId} was accepted before`, { deliveryId });
