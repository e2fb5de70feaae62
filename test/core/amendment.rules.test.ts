// Address changes by order state, hold reasons of amendments, and the address
// as stored (core/amendment.rules.ts), table-driven.
import { describe, expect, it } from 'vitest';
import { addressChangePlan, amendmentHoldReason, awaitsAmendment, normaliseAddress, sameAddress, withoutAmendment } from '../../src/core/amendment.rules.ts';
import { orderStatuses, type OrderStatus } from '../../src/core/order.types.ts';

describe('addressChangePlan', () => {
  const expected: Record<OrderStatus, 'immediate' | 'amend' | 'refused'> = {
    pending_payment: 'immediate', paid: 'immediate', on_hold: 'immediate', released: 'amend',
    picking: 'refused', packed: 'refused', shipped: 'refused', delivered: 'refused', cancelled: 'refused', refunded: 'refused', exception: 'refused',
  };

  it.each(orderStatuses.map((s) => [s, expected[s]] as const))('%s → %s', (status, plan) => {
    const r = addressChangePlan({ status, holds: [] });
    if (plan === 'refused') {
      expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_INVALID_TRANSITION', extra: { status } } });
      if (!r.ok) expect(r.error.detail).toContain(`order is ${status}`);
    } else {
      expect(r).toEqual({ ok: true, value: plan });
    }
  });

  it('an order on hold for an amendment was released before: a further change is an amendment too', () => {
    expect(addressChangePlan({ status: 'on_hold', holds: [{ rule: 'totalAtLeast', detail: 'x' }] })).toEqual({ ok: true, value: 'immediate' });
    expect(addressChangePlan({ status: 'on_hold', holds: [amendmentHoldReason('am_1')] })).toEqual({ ok: true, value: 'amend' });
  });
});

describe('amendment hold reasons', () => {
  it('removes exactly the reason of one amendment', () => {
    const holds = [amendmentHoldReason('am_1'), { rule: 'totalAtLeast', detail: 'big' }, amendmentHoldReason('am_2')];
    expect(withoutAmendment(holds, 'am_1')).toEqual([{ rule: 'totalAtLeast', detail: 'big' }, amendmentHoldReason('am_2')]);
    expect(withoutAmendment(holds, 'am_9')).toEqual(holds);
    expect(awaitsAmendment({ holds: withoutAmendment(withoutAmendment(holds, 'am_1'), 'am_2') })).toBe(false);
    expect(amendmentHoldReason('am_1')).toEqual({ rule: 'amendment', detail: 'address amendment am_1 awaits the warehouse' });
  });
});

describe('normaliseAddress', () => {
  const base = { name: ' Li Lei ', phone: '+86 138-0013-8000', country: 'cn', province: 'Zhejiang ', city: 'Hangzhou', address1: '1 Wensan Road', address2: '  ' };

  it('trims, upper-cases the country, normalises the phone and drops empty optional fields', () => {
    expect(normaliseAddress(base, 'body')).toEqual({
      ok: true, value: { name: 'Li Lei', phone: '13800138000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: '1 Wensan Road' },
    });
  });

  it('names the field it refuses', () => {
    expect(normaliseAddress({ ...base, phone: '138****8000' }, 'body')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', extra: { field: 'body.phone' } } });
    expect(normaliseAddress({ ...base, city: '   ' }, 'body')).toMatchObject({ ok: false, error: { extra: { field: 'body.city' } } });
  });

  it('compares addresses field by field, absent and undefined alike', () => {
    const a = { name: 'A', phone: '1', country: 'CN', province: 'P', city: 'C', address1: 'X' };
    expect(sameAddress(a, { ...a, district: undefined })).toBe(true);
    expect(sameAddress(a, { ...a, district: 'D' })).toBe(false);
  });
});
