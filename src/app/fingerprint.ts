// A stable hash of a request, so a reused idempotency key can be told from a retry.
import * as crypto from 'node:crypto';
import type { Line } from '../core/stock.types.ts';

/** JSON with object keys sorted, so the same request always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// crypto.hash (Node ≥ 20.12) hashes in one call, without a Hash object per request.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
const sha256 = oneShot !== undefined
  ? (text: string) => oneShot('sha256', text, 'base64url')
  : (text: string) => crypto.createHash('sha256').update(text).digest('base64url');

export function fingerprint(value: unknown): string {
  return sha256(canonical(value)).slice(0, 22);
}

/** The fields of a reservation request that its fingerprint covers. */
export interface ReserveFields {
  readonly lines: readonly Line[];
  readonly warehouse?: string;
  readonly region?: string;
  readonly allowSplit?: boolean;
  readonly ttlSeconds?: number;
  /** Warehouses the reservation must not take from (a re-allocation away from warehouses that refused). */
  readonly excludeWarehouses?: readonly string[];
}

/**
 * fingerprint() of a reservation request, built without sorting: the same
 * text canonical() makes of it (keys in sorted order: allowSplit,
 * excludeWarehouses, lines, region, ttlSeconds, warehouse; qty before sku),
 * so the hash of a request is the same as before this shortcut
 * (test/app/fingerprint.test.ts). A request without excludeWarehouses hashes
 * as it did before that field existed.
 */
export function reserveFingerprint(input: ReserveFields): string {
  let text = '{';
  if (input.allowSplit !== undefined) text += `"allowSplit":${input.allowSplit ? 'true' : 'false'},`;
  if (input.excludeWarehouses !== undefined) text += `"excludeWarehouses":${JSON.stringify(input.excludeWarehouses)},`;
  text += '"lines":[';
  for (let i = 0; i < input.lines.length; i++) {
    const line = input.lines[i]!;
    text += `${i === 0 ? '' : ','}{"qty":${JSON.stringify(line.qty)},"sku":${JSON.stringify(line.sku)}}`;
  }
  text += ']';
  if (input.region !== undefined) text += `,"region":${JSON.stringify(input.region)}`;
  if (input.ttlSeconds !== undefined) text += `,"ttlSeconds":${JSON.stringify(input.ttlSeconds)}`;
  if (input.warehouse !== undefined) text += `,"warehouse":${JSON.stringify(input.warehouse)}`;
  return sha256(`${text}}`).slice(0, 22);
}
