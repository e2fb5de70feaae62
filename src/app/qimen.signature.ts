// The QiMen sign (issue 14): upper-case hex MD5 of secret ‖ sorted name+value
// pairs ‖ raw body ‖ secret (core/qimen.protocol.ts builds the frame). The
// body is hashed as the bytes sent, never re-encoded.
import { createHash, timingSafeEqual } from 'node:crypto';
import { signFrame, type QimenParams } from '../core/qimen.protocol.ts';

export function qimenSign(secret: string, params: QimenParams, body: Uint8Array | string): string {
  const { head, tail } = signFrame(secret, params);
  return createHash('md5').update(head, 'utf8').update(body).update(tail, 'utf8').digest('hex').toUpperCase();
}

/** Whether `given` (32 hex digits, any case) is the sign of this request, in constant time. */
export function qimenSignMatches(secret: string, params: QimenParams, body: Uint8Array, given: string): boolean {
  const expected = Buffer.from(qimenSign(secret, params, body), 'utf8');
  const actual = Buffer.from(given.toUpperCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
