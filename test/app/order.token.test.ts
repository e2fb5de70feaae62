// Order tokens (app/order.token.ts): bound to a tenant, an order and its
// version; signed; expiring on the injected clock; one purpose.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OrderTokens, orderTokenKeyOf } from '../../src/app/order.token.ts';

const clockAt = (ms: number) => ({ now: ms, nowMs() { return this.now; } });
const key = orderTokenKeyOf(null, Buffer.alloc(32, 7));
const claims = { tenant: 't1', orderId: 'o_1', orderVersion: 3, issuedBy: 'key_1' };

describe('OrderTokens', () => {
  it('verifies what it issued, with its claims, until it expires', () => {
    const clock = clockAt(1_700_000_000_000);
    const tokens = new OrderTokens(key, 60, clock);
    const { token, claims: issued } = tokens.issue(claims);
    expect(issued).toMatchObject({ ...claims, expiresAtMs: clock.now + 60_000, tokenId: expect.stringMatching(/^tok_/) });
    expect(tokens.verify(token)).toEqual({ ok: true, claims: issued });
    clock.now += 59_999;
    expect(tokens.verify(token).ok).toBe(true);
    clock.now += 1;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another key, a changed payload, and a signed payload of another purpose', () => {
    const clock = clockAt(1_700_000_000_000);
    const tokens = new OrderTokens(key, 60, clock);
    const { token } = tokens.issue(claims);
    expect(new OrderTokens(orderTokenKeyOf(null, Buffer.alloc(32, 8)), 60, clock).verify(token)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(new OrderTokens(orderTokenKeyOf('s'.repeat(32), Buffer.alloc(32, 7)), 60, clock).verify(token)).toEqual({ ok: false, reason: 'bad_signature' });
    const [, payload, signature] = token.split('.') as [string, string, string];
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const bumped = Buffer.from(JSON.stringify({ ...body, v: 4 })).toString('base64url');
    expect(tokens.verify(`pot1.${bumped}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' });
    const other = Buffer.from(JSON.stringify({ ...body, p: 'cancel' })).toString('base64url');
    const signed = createHmac('sha256', key).update('pot1.').update(other).digest('base64url');
    expect(tokens.verify(`pot1.${other}.${signed}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.verify('pdt1.x.y')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('derives the same key from the same channel-secrets key (every api worker agrees), and refuses a short secret', () => {
    expect(orderTokenKeyOf(null, Buffer.alloc(32, 7)).equals(key)).toBe(true);
    expect(key.equals(Buffer.alloc(32, 7))).toBe(false);
    expect(() => orderTokenKeyOf('short', Buffer.alloc(32))).toThrow(/at least 32/);
    expect(() => new OrderTokens(key, 10, clockAt(0))).toThrow(/ttl/);
  });
});
