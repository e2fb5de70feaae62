// Request and response schemas of the order pool's routes (issue 11):
// channels, dead letters, orders, hold rules. Built from the configured
// limits; unknown fields are refused (additionalProperties: false), and every
// string, array and map has a bound.
//
// Times: requests take epoch milliseconds (the canonical order's *Ms fields,
// as the generic mapping reads them); responses give the canonical order as
// stored (the *Ms fields) plus the same instants as ISO 8601 strings
// (placedAt, paidAt, cancelledAt, refundedAt). Everything else is ISO 8601.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { domainError, type DomainError } from '../../core/errors.ts';
import { timestampMsMax, timestampMsMin } from '../../core/channel.transforms.ts';
import { holdRuleLimits } from '../../core/hold.rules.ts';
import { channelTypes, orderStatuses } from '../../core/order.types.ts';
import type { Limits } from '../../config.ts';
import { idAlphabet } from './schemas.ts';

/** Page sizes the stores accept (PostgreSQL lists: 200; an order's audit trail: 1000). */
export const listLimitMax = 200;
export const listLimitDefault = 50;
export const auditLimitMax = 1_000;
export const auditLimitDefault = 100;
export const skuMapEntriesMax = 10_000;

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** Exactly 1..max as decimal text (the app does not coerce query types). */
const limitPatterns: Readonly<Record<number, string>> = {
  [listLimitMax]: '^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|200)$',
  [auditLimitMax]: '^(?:[1-9][0-9]{0,2}|1000)$',
};
const LimitQuery = (max: typeof listLimitMax | typeof auditLimitMax, fallback: number) =>
  Type.Optional(Type.String({ pattern: limitPatterns[max], description: `items per page, 1..${max} (default ${fallback})` }));
const Minor = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'integer minor units (fen, cents), ≥ 0' });
const TimeMs = (description: string) => Type.Integer({ minimum: timestampMsMin, maximum: timestampMsMax - 1, description: `${description}: epoch ms, 2000..2099` });
/** Text with at least one non-space character (the generic mapping trims, and a required field must not end up empty). */
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...(description === undefined ? {} : { description }) });
/** What core/channel.transforms.ts normalisePhone accepts: 5-15 digits, optionally after + or 00, with spaces, dots, dashes, parentheses. */
const Phone = Type.String({ maxLength: 32, pattern: '^[ .()-]*(?:\\+|00)?(?:[ .()-]*[0-9]){5,15}[ .()-]*$', description: '5-15 digits, optionally after + or 00' });
/** No leading or trailing space: the mapping trims, and the order id is derived from the exact text. */
const Trimmed = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, pattern: '^\\S(?:.*\\S)?$', description });

const ids = (limits: Limits) => ({
  Sku: Type.String({ pattern: `^[${idAlphabet}]{1,${limits.idLengthMax}}$`, description: 'Pallet sku' }),
  // Channel ids become NATS subject tokens (<ns>_intake.<tenant>.<channel>): no '.', like tenant ids.
  ChannelId: Type.String({ pattern: `^[A-Za-z0-9_-]{1,${limits.idLengthMax}}$`, description: "channel id: letters, digits, '_' or '-'" }),
  OrderId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'order id (o_…)' }),
  DeadLetterId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'dead letter id (dl_…)' }),
});

const Cursor = Type.Optional(Type.String({ minLength: 1, maxLength: 600, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' }));
const BoolQuery = Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')]));

/** Channels and their dead letters (routes/channels.route.ts). */
export function channelSchemas(limits: Limits) {
  const { Sku, ChannelId, DeadLetterId } = ids(limits);
  const SkuMap = Type.Record(Trimmed(128, "the channel's sku code"), Sku, {
    maxProperties: skuMapEntriesMax, additionalProperties: false, description: `channel sku code → Pallet sku, at most ${skuMapEntriesMax} entries`,
  });
  const Mapping = Type.Object({}, { additionalProperties: true, description: 'a JSON field mapping (docs: channel mappings); checked by the service' });
  const WebhookSecret = Type.String({ minLength: 8, maxLength: 1024, description: 'the secret the platform signs webhooks with (8-1024 characters); never returned' });
  const Name = Type.String({ minLength: 1, maxLength: 200 });
  const SecretSlot = Nullable(Type.Object({ createdAt: Type.String() }));
  const ChannelInfo = Type.Object({
    id: Type.String(), type: Type.String(), name: Type.String(), mapping: Type.Unknown(), mappingVersion: Type.Integer(),
    skuMap: Type.Record(Type.String(), Type.String()), secrets: Type.Object({ current: SecretSlot, previous: SecretSlot }),
    intakePath: Type.String({ description: 'where the platform posts signed documents' }), createdAt: Type.String(), updatedAt: Type.String(),
  });
  const DeadLetter = Type.Object({
    id: Type.String(), channel: Type.String(), documentBytes: Type.Integer(), sourcePath: Nullable(Type.String()), rule: Nullable(Type.String()),
    reason: Type.String(), mappingVersion: Nullable(Type.Integer()), createdAt: Type.String(), replayedAt: Nullable(Type.String()),
  });
  return {
    ChannelId, DeadLetterId, ChannelInfo, DeadLetter,
    ChannelBody: Type.Object({
      id: ChannelId, type: Type.Union(channelTypes.map((t) => Type.Literal(t)), { description: channelTypes.join(', ') }), name: Name,
      webhookSecret: WebhookSecret, mapping: Type.Optional(Mapping), skuMap: Type.Optional(SkuMap),
    }, strict),
    ChannelPatch: Type.Object({
      name: Type.Optional(Name), mapping: Type.Optional(Nullable(Mapping)), skuMap: Type.Optional(SkuMap), webhookSecret: Type.Optional(WebhookSecret),
    }, strict),
    ChannelListQuery: Type.Object({ limit: LimitQuery(listLimitMax, listLimitDefault), after: Type.Optional(ChannelId) }, strict),
    ChannelList: Type.Object({ channels: Type.Array(ChannelInfo), nextAfter: Nullable(Type.String()) }),
    DeadLetterQuery: Type.Object({ replayed: BoolQuery, cursor: Cursor, limit: LimitQuery(listLimitMax, listLimitDefault) }, strict),
    DeadLetterPage: Type.Object({ deadLetters: Type.Array(DeadLetter), nextCursor: Nullable(Type.String()) }),
  };
}

/** The canonical shipping address (Address of core/order.types.ts), strictly: in an order draft, and alone in PATCH /v1/orders/{id}/address. */
export const AddressBody = Type.Object({
  name: Text(200), phone: Phone, country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 (CN, US …)' }),
  province: Text(200), city: Text(200), district: Type.Optional(Text(200)), address1: Text(512), address2: Type.Optional(Text(512)),
  postalCode: Type.Optional(Text(32)),
}, strict);

/** The canonical order draft the storefront submits (POST /v1/orders): OrderDraft of core/order.types.ts, strictly. */
function orderDraftBody(limits: Limits) {
  const { Sku } = ids(limits);
  const Buyer = Type.Object({ name: Text(200), phone: Type.Optional(Phone), email: Type.Optional(Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' })) }, strict);
  const Line = Type.Object({
    sku: Sku, qty: Type.Integer({ minimum: 1, maximum: limits.qtyMax, description: `units, 1..${limits.qtyMax}` }), unitPriceMinor: Minor,
  }, strict);
  const Totals = Type.Object({
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 (CNY, USD …)' }),
    itemsMinor: Minor, shippingMinor: Minor, discountMinor: Minor, totalMinor: Minor,
  }, strict);
  const Flags = Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,31}$' }), Type.Boolean(), {
    maxProperties: 32, additionalProperties: false, description: 'channel flags a hold rule may test (name → true)',
  });
  return Type.Object({
    externalId: Trimmed(128, "the storefront's own order number; with the channel it names the order"),
    placedAtMs: Type.Optional(TimeMs('when the buyer placed the order (default: now)')),
    paidAtMs: Type.Optional(TimeMs('when it was paid; absent: not paid yet')),
    buyer: Buyer, shippingAddress: AddressBody,
    lines: Type.Array(Line, { minItems: 1, maxItems: limits.linesPerReservationMax }),
    totals: Totals, flags: Type.Optional(Flags),
  }, strict);
}

/** The order as responses show it (routes/orders.route.ts orderBody). */
const OrderView = Type.Object({
  id: Type.String(), channel: Type.String(), externalId: Type.String(), status: Type.String(), version: Type.Integer(),
  placedAtMs: Type.Integer(), paidAtMs: Type.Optional(Type.Integer()), cancelledAtMs: Type.Optional(Type.Integer()), refundedAtMs: Type.Optional(Type.Integer()),
  placedAt: Type.String(), paidAt: Type.Optional(Type.String()), cancelledAt: Type.Optional(Type.String()), refundedAt: Type.Optional(Type.String()),
  buyer: Type.Object({ name: Type.String(), phone: Type.Optional(Type.String()), email: Type.Optional(Type.String()) }),
  shippingAddress: Type.Object({
    name: Type.String(), phone: Type.String(), country: Type.String(), province: Type.String(), city: Type.String(),
    district: Type.Optional(Type.String()), address1: Type.String(), address2: Type.Optional(Type.String()), postalCode: Type.Optional(Type.String()),
  }),
  lines: Type.Array(Type.Object({ sku: Type.String(), channelSku: Type.Optional(Type.String()), qty: Type.Integer(), unitPriceMinor: Type.Integer() })),
  totals: Type.Object({ currency: Type.String(), itemsMinor: Type.Integer(), shippingMinor: Type.Integer(), discountMinor: Type.Integer(), totalMinor: Type.Integer() }),
  flags: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
  reservationId: Type.Optional(Type.String()),
  holds: Type.Array(Type.Object({ rule: Type.String(), detail: Type.String() })),
});

const AuditEntryView = Type.Object({
  seq: Type.Integer(), at: Type.String(), action: Type.String(), actor: Type.Object({ kind: Type.String(), id: Type.String() }),
  changes: Type.Record(Type.String(), Type.Object({ before: Type.Optional(Type.Unknown()), after: Type.Optional(Type.Unknown()) })),
  prevHash: Type.String({ description: 'hex SHA-256' }), hash: Type.String({ description: 'hex SHA-256' }),
});

/** Orders, their audit trail, review, cancel and hold rules (routes/orders.route.ts). */
export function orderSchemas(limits: Limits) {
  const { Sku, ChannelId, OrderId } = ids(limits);
  return {
    OrderId, Order: OrderView, OrderBody: orderDraftBody(limits),
    OrderListQuery: Type.Object({
      status: Type.Optional(Type.Union(orderStatuses.map((st) => Type.Literal(st)), { description: orderStatuses.join(', ') })),
      channel: Type.Optional(ChannelId),
      externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      sku: Type.Optional(Sku),
      phone: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
      hold: BoolQuery,
      from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time (UTC unless it has an offset); created at or after' })),
      to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time; created before' })),
      cursor: Cursor,
      limit: LimitQuery(listLimitMax, listLimitDefault),
    }, strict),
    OrderPage: Type.Object({ orders: Type.Array(OrderView), nextCursor: Nullable(Type.String()) }),
    AuditQuery: Type.Object({
      after: Type.Optional(Type.String({ pattern: '^(?:0|[1-9][0-9]{0,14})$', description: 'seq of the last entry already read (default 0)' })),
      limit: LimitQuery(auditLimitMax, auditLimitDefault),
    }, strict),
    AuditPage: Type.Object({ entries: Type.Array(AuditEntryView) }),
    ReviewBody: Type.Object({
      decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
      note: Type.Optional(Type.String({ maxLength: 1000, description: 'why; kept in the audit trail' })),
    }, strict),
    CancelBody: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, description: 'why; kept in the audit trail' }) }, strict),
    HoldRulesBody: Type.Object({
      rules: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: holdRuleLimits.rulesMax, description: 'hold rules (core/hold.rules.ts), checked by the service' }),
    }, strict),
    HoldRules: Type.Object({ rules: Type.Array(Type.Unknown()) }),
  };
}

export type OrderSchemas = ReturnType<typeof orderSchemas>;

/** A store's VALIDATION_FAILED names a bare field (`cursor`, `from`); the API names it where it was sent (`querystring.cursor`). */
export function fieldInQuery(e: DomainError): DomainError {
  const field = e.extra?.field;
  if (e.code !== 'VALIDATION_FAILED' || typeof field !== 'string' || field.includes('.')) return e;
  return domainError(e.code, `querystring.${e.detail}`, { ...e.extra, field: `querystring.${field}` });
}

/** The id of the tenant key that made the request (routes with scope access only). */
export function keyIdOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p === null || p.kind !== 'tenant') throw new Error('keyIdOf called on a route without tenant access');
  return p.keyId;
}
