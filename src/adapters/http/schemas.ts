// Request and response schemas, built from the configured limits. Unknown
// fields are rejected everywhere (additionalProperties: false).
import { Type, type Static } from '@sinclair/typebox';
import type { Limits } from '../../config.ts';

export const idAlphabet = 'A-Za-z0-9._-';

export function buildSchemas(limits: Limits) {
  const Id = (description: string) => Type.String({ pattern: `^[${idAlphabet}]{1,${limits.idLengthMax}}$`, description });
  const Qty = Type.Integer({ minimum: 1, maximum: limits.qtyMax, description: `units, 1..${limits.qtyMax}` });
  const Count = (max: number, description: string) => Type.Integer({ minimum: 0, maximum: max, description });
  const Region = Type.String({ pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$', description: 'province/state code, e.g. CN-ZJ, US-CA' });
  const Name = Type.String({ minLength: 1, maxLength: 200 });
  // Tenant ids become NATS subject tokens, so no '.' in them.
  const TenantId = Type.String({ pattern: `^[A-Za-z0-9_-]{1,${limits.idLengthMax}}$`, description: 'tenant id' });
  const Reason = Type.String({ minLength: 1, maxLength: 200, description: 'why the stock changed' });
  const strict = { additionalProperties: false } as const;

  const Line = Type.Object({ sku: Id('sku'), qty: Qty }, strict);
  const Allocation = Type.Object({ warehouse: Type.String(), sku: Type.String(), qty: Type.Integer() });
  const Reservation = Type.Object({
    id: Type.String(), status: Type.String(), createdAt: Type.String(), expiresAt: Type.String(), allocations: Type.Array(Allocation),
  });
  const Cell = {
    onHand: Type.Integer(), reserved: Type.Integer(), committed: Type.Integer(), inTransit: Type.Integer(),
    safetyStock: Type.Integer(), available: Type.Integer(), belowSafety: Type.Boolean(),
  };
  const SkuStock = Type.Object({
    sku: Type.String(), bundle: Type.Boolean(),
    warehouses: Type.Array(Type.Object({ warehouse: Type.String(), ...Cell, version: Type.Integer() })),
    totals: Type.Object(Cell),
  });

  return {
    Id, Region, Line, Reservation, SkuStock,
    ReserveBody: Type.Object({
      lines: Type.Array(Line, { minItems: 1, maxItems: limits.linesPerReservationMax }),
      warehouse: Type.Optional(Id('reserve from this warehouse only')),
      region: Type.Optional(Region),
      allowSplit: Type.Optional(Type.Boolean({ description: 'allow the cart to be split across warehouses' })),
      ttlSeconds: Type.Optional(Type.Integer({ minimum: limits.ttlSecondsMin, maximum: limits.ttlSecondsMax })),
    }, strict),
    IdempotencyHeaders: Type.Object({
      'idempotency-key': Type.String({ pattern: '^[\\x21-\\x7e]{1,128}$', description: 'client-chosen key; the same key and body return the same answer' }),
    }),
    OptionalIdempotencyHeaders: Type.Object({
      'idempotency-key': Type.Optional(Type.String({ pattern: '^[\\x21-\\x7e]{1,128}$' })),
    }),
    TenantBody: Type.Object({ id: TenantId, name: Name }, strict),
    TenantId,
    KeyBody: Type.Object({
      scopes: Type.Array(
        Type.Union([Type.Literal('checkout'), Type.Literal('admin'), Type.Literal('read'), Type.Literal('ops'), Type.Literal('channel')]),
        { minItems: 1, maxItems: 5, uniqueItems: true, description: 'channel: a key for one channel only, holding no other scope' },
      ),
      label: Type.Optional(Type.String({ maxLength: 200 })),
      channel: Type.Optional(Type.String({
        pattern: `^[A-Za-z0-9_-]{1,${limits.idLengthMax}}$`,
        description: 'the channel a key with scope channel is bound to (required for that scope, refused for any other)',
      })),
    }, strict),
    WarehouseBody: Type.Object({ name: Name, region: Region, priority: Type.Integer({ minimum: 0, maximum: 1_000_000 }) }, strict),
    SkuBody: Type.Object({
      name: Name,
      components: Type.Optional(Type.Array(Type.Object({ sku: Id('component sku'), qty: Qty }, strict), { maxItems: limits.componentsPerBundleMax })),
    }, strict),
    LevelBody: Type.Object({
      onHand: Count(limits.onHandMax, 'units physically in the warehouse'),
      safetyStock: Type.Optional(Count(limits.onHandMax, 'warning level for available')),
      inTransit: Type.Optional(Count(limits.onHandMax, 'units on the way to the warehouse')),
      reason: Type.Optional(Reason),
    }, strict),
    AdjustBody: Type.Object({
      delta: Type.Integer({ minimum: -limits.onHandMax, maximum: limits.onHandMax, not: { const: 0 }, description: 'non-zero change of onHand' }),
      reason: Reason,
    }, strict),
    StockQuery: Type.Object({
      skus: Type.String({ minLength: 1, maxLength: limits.skusPerBatchReadMax * (limits.idLengthMax + 1), description: `comma-separated, at most ${limits.skusPerBatchReadMax}` }),
    }, strict),
  };
}

export type Schemas = ReturnType<typeof buildSchemas>;
export type ReserveBody = Static<Schemas['ReserveBody']>;
