// The generated protobuf code matches proto/ (never edited by hand), and every
// event type and dashboard frame round-trips.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Envelope, decodeEnvelope, encodeEnvelope, envelopeFromOutbox, type EnvelopeInit } from '../../src/adapters/events/envelope.codec.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

describe('generated code', () => {
  it.each([
    ['pallet_events', 'proto/pallet/events/v1/events.proto', 'src/gen/events.pb.js'],
    ['pallet_dashboard', 'proto/pallet/dashboard/v1/frames.proto', 'src/gen/frames.pb.js'],
  ])('%s: src/gen is exactly what pbjs makes of the .proto', (rootName, proto, committed) => {
    const dir = mkdtempSync(join(tmpdir(), 'pallet-gen-'));
    try {
      const out = join(dir, 'out.js');
      execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--es6', '--no-delimited', '--no-verify', '--force-number', '-r', rootName, '-o', out, proto], { cwd: root });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(root, committed), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

const cell = { warehouse: 'wh-east', sku: 'YD-2026', dOnHand: -2, dReserved: 0, dCommitted: -2, onHand: 678, reserved: 5, committed: 0, version: 42 };
const base = { eventId: 'e-1', tenant: 'demo', aggregateId: 'r-1', sequence: 3, occurredAtMs: 1_795_619_156_953, causationId: 'c', correlationId: 'r-1', outboxId: '1795619156953-0' };

const samples: [string, EnvelopeInit][] = [
  ['stockSet', { ...base, type: 'stock.set', stockSet: { warehouse: 'wh-east', sku: 'YD-2026', reason: 'count', inTransit: 800, safetyStock: 150, cell } }],
  ['stockAdjusted', { ...base, type: 'stock.adjusted', stockAdjusted: { warehouse: 'wh-east', sku: 'YD-2026', reason: 'receiving', inTransit: 0, safetyStock: 150, cell } }],
  ['stockReserved', { ...base, type: 'stock.reserved', stockReserved: { reservationId: 'r-1', expiresAtMs: 1_795_619_157_953, cells: [cell, { ...cell, sku: 'HT-700' }] } }],
  ['stockConfirmed', { ...base, type: 'stock.confirmed', stockConfirmed: { reservationId: 'r-1', cells: [cell] } }],
  ['stockReleased', { ...base, type: 'stock.released', stockReleased: { reservationId: 'r-1', fromStatus: 'confirmed', cells: [cell] } }],
  ['stockExpired', { ...base, type: 'stock.expired', stockExpired: { reservationId: 'r-1', cells: [cell] } }],
  ['stockFulfilled', { ...base, type: 'stock.fulfilled', stockFulfilled: { reservationId: 'r-1', cells: [cell] } }],
  ['paymentReceived', { ...base, type: 'payment.received', paymentReceived: { paymentId: 'p-1', reservationId: 'r-1', amountMinor: 129_900, currency: 'CNY', status: 'succeeded', deliveryId: 'd-1', receivedAtMs: 1_795_619_156_999 } }],
  ['paymentOrphaned', { ...base, type: 'payment.orphaned', paymentOrphaned: { paymentId: 'p-1', reservationId: 'r-1', reason: 'expired', resolution: 're_reserved', newReservationId: 'r-1.r1' } }],
  ['orderChanged', { ...base, type: 'order.changed', orderChanged: {
    orderId: 'o_1', channel: 'shop1', externalId: '5893012345678', status: 'on_hold', previousStatus: 'paid', version: 2, action: 'status_on_hold',
    currency: 'CNY', totalMinor: 129_900, holds: [{ rule: 'totalAtLeast', detail: 'total 1299.00 CNY ≥ 1000.00' }], placedAtMs: 1_795_619_100_000,
    paidAtMs: 1_795_619_150_000, reservationId: 'r-1',
  } }],
];

describe('envelopes', () => {
  it('cover every payload of the proto', () => {
    const payloads = readFileSync(join(root, 'proto/pallet/events/v1/events.proto'), 'utf8').match(/^\s+\w+ (\w+) = 2\d;/gm)!.length;
    expect(samples).toHaveLength(payloads);
  });

  it.each(samples)('%s round-trips with numbers as numbers', (payload, init) => {
    const decoded = decodeEnvelope(encodeEnvelope(init));
    expect(decoded.payload).toBe(payload);
    const plain = (e: Envelope) => Envelope.toObject(e, { longs: Number, defaults: true });
    expect(plain(decoded)).toEqual(plain(Envelope.fromObject(init)));
    expect(plain(decoded).tenant).toBe('demo');
    expect(typeof decoded.occurredAtMs).toBe('number');
  });

  it('maps an outbox entry as the Lua scripts write it', () => {
    const e = envelopeFromOutbox('demo', '1-0', {
      id: 'r-1:released', type: 'released', agg: 'r-1', ts: '1000',
      data: JSON.stringify({ res: 'r-1', from: 'confirmed', cells: [['wh-east', 'YD-2026', 0, 0, -2, 10, 0, 0, 7]] }),
    });
    expect(e).toMatchObject({ type: 'stock.released', sequence: 3, eventId: 'r-1:released', outboxId: '1-0', stockReleased: { reservationId: 'r-1', fromStatus: 'confirmed' } });
    expect(e.stockReleased?.cells?.[0]).toMatchObject({ dCommitted: -2, onHand: 10, version: 7 });
    expect(() => envelopeFromOutbox('demo', '2-0', { id: 'x', type: 'bogus', agg: 'a', ts: '1', data: '{"cells":[]}' })).toThrow(/unknown type/);
  });
});
