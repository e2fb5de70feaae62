// Channel signatures: Shopify and WooCommerce sign the raw body (base64
// HMAC-SHA256 in their own header); pulled platforms and generic pushes use
// Pallet-Signature. Either of two active secrets verifies (rotation); a wrong
// secret, a changed body, a missing or malformed header is SIGNATURE_INVALID
// naming the header; an old Pallet-Signature timestamp is SIGNATURE_EXPIRED.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeaders, verifyChannelSignature, webhookHmacBase64, type ChannelHeaders } from '../../src/app/channel.signature.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import type { ChannelType } from '../../src/core/order.types.ts';

const body = Buffer.from('{"id":5893012345678,"total_price":"118.47","note":"请放门口"}');
const current = 'shpss_current_0123456789abcdef';
const previous = 'shpss_previous_fedcba9876543210';
const nowMs = 1_714_920_000_000;
const t = nowMs / 1000;

const verify = (type: ChannelType, headers: ChannelHeaders, opts: { secrets?: string[]; raw?: Uint8Array; nowMs?: number } = {}) =>
  verifyChannelSignature({
    type, headers, body: opts.raw ?? body, secrets: opts.secrets ?? [current, previous], nowMs: opts.nowMs ?? nowMs, timestampToleranceSeconds: 300,
  });
const errorOf = (r: ReturnType<typeof verify>) => (r.ok ? null : r.error);

describe.each<[ChannelType, string]>([['shopify', 'x-shopify-hmac-sha256'], ['woocommerce', 'x-wc-webhook-signature']])('%s webhooks (%s)', (type, header) => {
  const signed = (secret: string, raw: Uint8Array = body): ChannelHeaders => ({ [header]: webhookHmacBase64(secret, raw) });

  it('uses the platform header', () => {
    expect(signatureHeaders[type]).toBe(header);
  });

  it('accepts the base64 HMAC-SHA256 of the raw body', () => {
    // Computed independently of webhookHmacBase64, as the platforms document it.
    const expected = createHmac('sha256', current).update(body).digest('base64');
    expect(verify(type, { [header]: expected })).toEqual({ ok: true, value: undefined });
  });

  it('accepts a signature made with the second (rotated) secret, and with a single secret', () => {
    expect(verify(type, signed(previous)).ok).toBe(true);
    expect(verify(type, signed(current), { secrets: [current] }).ok).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(errorOf(verify(type, signed('someone-else')))).toMatchObject({ code: 'SIGNATURE_INVALID', extra: { field: `headers.${header}` } });
    expect(verify(type, signed(previous), { secrets: [current] }).ok).toBe(false);
  });

  it('refuses a tampered body', () => {
    const tampered = Buffer.from(body.toString().replace('118.47', '1.47'));
    expect(errorOf(verify(type, signed(current), { raw: tampered }))).toMatchObject({ code: 'SIGNATURE_INVALID' });
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(verify(type, signed(current), { raw: reserialised }).ok).toBe(false);
  });

  it('refuses a missing, repeated, hex or truncated header, naming it', () => {
    const good = webhookHmacBase64(current, body);
    for (const headers of [
      {}, { [header]: [good, good] }, { [header]: createHmac('sha256', current).update(body).digest('hex') },
      { [header]: good.slice(0, 40) }, { [header]: '' }, { 'pallet-signature': `t=${t},v1=${signPayload(current, t, body)}` },
    ] as ChannelHeaders[]) {
      const e = errorOf(verify(type, headers));
      expect(e).toMatchObject({ code: 'SIGNATURE_INVALID', extra: { field: `headers.${header}` } });
      expect(e?.detail).toContain(header);
    }
  });

  it('refuses everything when the channel has no secret', () => {
    expect(errorOf(verify(type, signed(current), { secrets: [] }))).toMatchObject({ code: 'SIGNATURE_INVALID', detail: expect.stringContaining('no signing secret') });
  });

  it('accepts a header value with surrounding whitespace', () => {
    expect(verify(type, { [header]: ` ${webhookHmacBase64(current, body)} ` }).ok).toBe(true);
  });
});

describe.each<[ChannelType]>([['taobao'], ['jd'], ['pinduoduo'], ['douyin'], ['generic']])('%s documents (Pallet-Signature)', (type) => {
  const palletSig = (secret: string, at = t, raw: Uint8Array = body): ChannelHeaders => ({ 'pallet-signature': `t=${at},v1=${signPayload(secret, at, raw)}` });

  it('uses Pallet-Signature', () => {
    expect(signatureHeaders[type]).toBe('pallet-signature');
  });

  it('accepts a signature with either active secret', () => {
    expect(verify(type, palletSig(current))).toEqual({ ok: true, value: undefined });
    expect(verify(type, palletSig(previous)).ok).toBe(true);
  });

  it('refuses another secret, a tampered body and a missing header', () => {
    expect(errorOf(verify(type, palletSig('someone-else')))).toMatchObject({ code: 'SIGNATURE_INVALID', extra: { field: 'headers.pallet-signature' } });
    expect(errorOf(verify(type, palletSig(current), { raw: Buffer.from(`${body.toString()} `) }))).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(errorOf(verify(type, {}))).toMatchObject({ code: 'SIGNATURE_INVALID', detail: expect.stringContaining('Pallet-Signature') });
    expect(errorOf(verify(type, { 'x-shopify-hmac-sha256': webhookHmacBase64(current, body) }))).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it('refuses an old or future timestamp as expired, only once the signature verifies', () => {
    expect(errorOf(verify(type, palletSig(current, t - 301)))).toMatchObject({ code: 'SIGNATURE_EXPIRED', extra: { field: 'headers.pallet-signature' } });
    expect(errorOf(verify(type, palletSig(current, t + 301)))).toMatchObject({ code: 'SIGNATURE_EXPIRED' });
    expect(verify(type, palletSig(current, t - 300)).ok).toBe(true);
    expect(errorOf(verify(type, palletSig('someone-else', t - 3600)))).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });
});

describe('the secrets bound', () => {
  it('is an assertion: more than two active secrets is a programmer error', () => {
    expect(() => verify('shopify', {}, { secrets: ['a', 'b', 'c'] })).toThrow(/at most 2 active secrets/);
  });
});
