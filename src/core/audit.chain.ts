// The order audit trail as a hash chain (issue 11): every entry's hash covers
// the previous entry's hash and all of its own fields, so changing, removing
// or reordering a stored entry breaks the chain from that entry on.
//
//   hash(n) = SHA-256(prev_hash ‖ canonical(entry n)),  prev_hash(1) = 32 zero bytes
//
// canonical(entry) is the UTF-8 of one JSON object with every key sorted
// (at every depth) and no whitespace: {action, actor: {id, kind}, atMs,
// changes, orderId, prevHash (hex), seq, tenant, v}. `changes` is
// canonicalised the way PostgreSQL's jsonb will give it back: object members
// whose value is undefined are left out, undefined in an array is null.
//
// Pure: SHA-256 comes in as a function (core imports no node:* module).

import type { Order } from './order.types.ts';

export const actorKinds = ['key', 'customer_token', 'channel', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];

export interface Actor {
  readonly kind: ActorKind;
  /** API key id, customer token id, channel id, or the system process's name. */
  readonly id: string;
}

/** One field's change; `before` absent: the field was added, `after` absent: removed. */
export interface FieldChange {
  readonly before?: unknown;
  readonly after?: unknown;
}

export type AuditChanges = Readonly<Record<string, FieldChange>>;

/** What the caller says about a change; the store adds position and hashes. */
export interface AuditDraft {
  readonly actor: Actor;
  /** Epoch milliseconds (the injected clock). */
  readonly atMs: number;
  /** created, paid, address_changed, hold_released … */
  readonly action: string;
  readonly changes: AuditChanges;
}

export interface AuditEntry extends AuditDraft {
  readonly tenant: string;
  readonly orderId: string;
  /** 1, 2, 3 … per order. */
  readonly seq: number;
  readonly prevHash: Uint8Array;
  readonly hash: Uint8Array;
}

export type Sha256 = (data: Uint8Array) => Uint8Array;

/** A verified position in a chain: the last entry's seq and hash (seq 0: before the first). */
export interface ChainPoint {
  readonly seq: number;
  readonly hash: Uint8Array;
}

export type ChainBreak = 'seq_gap' | 'wrong_order' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';

export type ChainVerdict =
  | { readonly ok: true; readonly last: ChainPoint }
  | { readonly ok: false; readonly firstBrokenSeq: number; readonly reason: ChainBreak; readonly detail: string };

export const hashBytes = 32;
export const actionLengthMax = 64;
export const actorIdLengthMax = 200;

/** prev_hash of seq 1. */
export function genesisHash(): Uint8Array {
  return new Uint8Array(hashBytes);
}

export const chainStart = (): ChainPoint => ({ seq: 0, hash: genesisHash() });

// ---------------------------------------------------------------- canonical form

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units at every depth,
 * no whitespace, values as JSON.stringify writes them (toJSON honoured).
 * Throws on what JSON cannot carry faithfully (non-finite numbers, bigint,
 * functions, symbols, cycles): those are programmer errors in an audit entry.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

const depthMax = 64;

function write(value: unknown, depth: number): string {
  if (depth > depthMax) throw new Error(`canonicalJson: nesting deeper than ${depthMax} (a cycle?)`);
  const v = hasToJson(value) ? value.toJSON() : value;
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`canonicalJson: ${v} is not a JSON number`);
      return JSON.stringify(v);
    case 'object':
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : write(x, depth + 1))).join(',')}]`;
      return writeObject(v as Record<string, unknown>, depth);
    default:
      throw new Error(`canonicalJson: a ${typeof v} has no JSON form`);
  }
}

function writeObject(obj: Record<string, unknown>, depth: number): string {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k], depth + 1)}`).join(',')}}`;
}

function hasToJson(v: unknown): v is { toJSON(): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

const hexDigits = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hexDigits[b >> 4]! + hexDigits[b & 15]!;
  return s;
}

const utf8 = new TextEncoder();

/** The bytes an entry's hash covers after its prev_hash. */
export function canonicalEntryBytes(e: Omit<AuditEntry, 'hash'>): Uint8Array {
  return utf8.encode(canonicalJson({
    v: 1, tenant: e.tenant, orderId: e.orderId, seq: e.seq,
    actor: { kind: e.actor.kind, id: e.actor.id }, atMs: e.atMs, action: e.action,
    changes: e.changes, prevHash: toHex(e.prevHash),
  }));
}

/** SHA-256(prev_hash ‖ canonical entry). */
export function entryHash(e: Omit<AuditEntry, 'hash'>, sha256: Sha256): Uint8Array {
  const body = canonicalEntryBytes(e);
  const input = new Uint8Array(e.prevHash.length + body.length);
  input.set(e.prevHash, 0);
  input.set(body, e.prevHash.length);
  return sha256(input);
}

/** Problems with a draft (programmer errors: drafts are built by Pallet, not typed by users). */
export function draftProblem(d: AuditDraft): string | null {
  if (!(actorKinds as readonly string[]).includes(d.actor.kind)) return `actor.kind ${JSON.stringify(d.actor.kind)} is not one of ${actorKinds.join(', ')}`;
  if (d.actor.id.length === 0 || d.actor.id.length > actorIdLengthMax) return `actor.id must be 1-${actorIdLengthMax} characters`;
  if (d.action.length === 0 || d.action.length > actionLengthMax) return `action must be 1-${actionLengthMax} characters`;
  if (!Number.isSafeInteger(d.atMs) || d.atMs < 0) return 'atMs must be a whole number of epoch milliseconds';
  if (typeof d.changes !== 'object' || d.changes === null || Array.isArray(d.changes)) return 'changes must be an object';
  return null;
}

/** The entry that follows `after` in the order's chain, hashed. */
export function sealEntry(tenant: string, orderId: string, after: ChainPoint, draft: AuditDraft, sha256: Sha256): AuditEntry {
  const problem = draftProblem(draft);
  if (problem !== null) throw new Error(`invalid audit draft for order ${orderId}: ${problem}`);
  if (after.hash.length !== hashBytes) throw new Error(`audit chain of order ${orderId}: previous hash is ${after.hash.length} bytes, not ${hashBytes}`);
  const unsealed = {
    tenant, orderId, seq: after.seq + 1, prevHash: after.hash,
    actor: { kind: draft.actor.kind, id: draft.actor.id }, atMs: draft.atMs, action: draft.action, changes: draft.changes,
  };
  return { ...unsealed, hash: entryHash(unsealed, sha256) };
}

// ---------------------------------------------------------------- verification

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks entries of ONE order, in seq order, continuing from `from` (default:
 * the chain's start, so the first entry must be seq 1). Pages of a long chain
 * are verified one after the other by passing the previous page's `last`.
 * The first problem wins: a missing seq, an entry of another order, a
 * prev_hash that is not the previous entry's hash, or a hash that does not
 * match the entry's content.
 */
export function verifyChain(entries: readonly AuditEntry[], sha256: Sha256, from: ChainPoint = chainStart()): ChainVerdict {
  let last = from;
  const first = entries[0];
  for (const e of entries) {
    const seq = last.seq + 1;
    if (e.tenant !== first!.tenant || e.orderId !== first!.orderId) {
      return broken(seq, 'wrong_order', `entry of ${e.tenant}/${e.orderId} among those of ${first!.tenant}/${first!.orderId}`);
    }
    if (e.seq !== seq) return broken(seq, 'seq_gap', `expected seq ${seq}, found ${e.seq}`);
    if (!sameBytes(e.prevHash, last.hash)) return broken(seq, 'prev_hash_mismatch', `prev_hash ${toHex(e.prevHash)} is not the hash of seq ${last.seq} (${toHex(last.hash)})`);
    const hash = entryHash(e, sha256);
    if (!sameBytes(hash, e.hash)) return broken(seq, 'hash_mismatch', `stored hash ${toHex(e.hash)}, content hashes to ${toHex(hash)}`);
    last = { seq, hash: e.hash };
  }
  return { ok: true, last };
}

/**
 * Compares the verified end of a chain with the head the order row records
 * (its last seq and hash): entries removed from the end of a chain leave a
 * chain that verifies but stops short of the head.
 */
export function verifyHead(last: ChainPoint, head: ChainPoint): ChainVerdict {
  if (last.seq === head.seq && sameBytes(last.hash, head.hash)) return { ok: true, last };
  if (last.seq < head.seq) return broken(last.seq + 1, 'head_mismatch', `the chain ends at seq ${last.seq}, the order records seq ${head.seq}`);
  return broken(Math.min(last.seq, head.seq + 1), 'head_mismatch',
    `the chain ends at seq ${last.seq} (${toHex(last.hash)}), the order records seq ${head.seq} (${toHex(head.hash)})`);
}

function broken(firstBrokenSeq: number, reason: ChainBreak, detail: string): ChainVerdict {
  return { ok: false, firstBrokenSeq, reason, detail };
}

// ---------------------------------------------------------------- order diffs

/** Order fields an audit entry records (version is implied by the entry itself). */
const auditedFields = [
  'status', 'externalId', 'channel', 'placedAtMs', 'paidAtMs', 'cancelledAtMs', 'buyer', 'shippingAddress',
  'lines', 'totals', 'flags', 'reservationId', 'holds',
] as const satisfies readonly (keyof Order)[];

/**
 * {field: {before, after}} for every audited field that differs between the
 * two orders (compared by canonical JSON); `before` null: the order is new,
 * every set field is recorded with `after` only.
 */
export function orderChanges(before: Order | null, after: Order): AuditChanges {
  const changes: Record<string, FieldChange> = {};
  for (const f of auditedFields) {
    const a = after[f];
    const b = before === null ? undefined : before[f];
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    changes[f] = before === null || b === undefined ? { after: a } : a === undefined ? { before: b } : { before: b, after: a };
  }
  return changes;
}
