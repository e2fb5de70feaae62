// The orders role's work on one intake document (issue 11): parse, map,
// dedupe, move stock, then store the order and its audit entry in one
// transaction. A document that does not parse or map becomes a dead letter
// (with the source field and the rule that failed); nothing is dropped.
import type { Actor, AuditDraft } from '../core/audit.chain.ts';
import { orderChanges } from '../core/audit.chain.ts';
import { sameAddress } from '../core/amendment.rules.ts';
import { applyMapping } from '../core/channel.mapping.ts';
import type { DomainError } from '../core/errors.ts';
import { evaluateHolds, type HoldRule } from '../core/hold.rules.ts';
import { addFacts, applyCommand, channelFactsOf, lastSeq, noKnowledge, statusOf, type OrderCommand, type OrderKnowledge } from '../core/order.machine.ts';
import type { HoldReason, Order, OrderDraft } from '../core/order.types.ts';
import type { ChannelService } from './channel.service.ts';
import type { IntakeDocument } from './intake.port.ts';
import { orderIdOf } from './order.ids.ts';
import { knowledgeOf } from './order.knowledge.ts';
import type { ChannelStore, OrderStore, OrderTx } from './order.port.ts';
import type { OrderStock } from './order.stock.ts';

export type ApplyOutcome =
  | { readonly kind: 'created' | 'updated'; readonly order: Order }
  | { readonly kind: 'unchanged' | 'replayed'; readonly orderId: string }
  | { readonly kind: 'dead_letter'; readonly deadLetterId: string; readonly reason: string };

export interface ApplyLimits {
  readonly linesMax: number;
  readonly qtyMax: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

interface DeadLetterDraft {
  readonly reason: string;
  readonly sourcePath?: string;
  readonly rule?: string;
  readonly mappingVersion?: number;
}

/** A document of a batch that mapped: its place in the batch and the order it names. */
interface Mapped {
  readonly index: number;
  readonly doc: IntakeDocument;
  readonly draft: OrderDraft;
  readonly orderId: string;
}

interface ApplyContext {
  readonly existing: Order | null;
  readonly rules: HoldRule[];
  readonly first: boolean;
  readonly lastAddress: Awaited<ReturnType<OrderTx['lastAddressChange']>>;
}

export class OrderApplyService {
  constructor(
    private readonly orders: OrderStore,
    private readonly channelStore: ChannelStore,
    private readonly channels: ChannelService,
    private readonly stock: OrderStock,
    private readonly clock: { nowMs(): number },
    private readonly limits: ApplyLimits,
  ) {}

  /** One document alone (a batch's fallback): the single transaction of a round of one. */
  async apply(doc: IntakeDocument): Promise<ApplyOutcome> {
    const mapped = await this.mappedOf(doc, 0);
    if ('deadLetter' in mapped) return this.deadLettered(doc, mapped.deadLetter);
    const [outcome] = await this.inOneTransaction(doc.tenant, [mapped]);
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  }

  /**
   * Many documents at once, each with its own outcome (an Error: not applied, retry it). Per tenant,
   * documents naming distinct orders share one transaction (the queries pipelined) instead of two
   * each: a round trip, a commit and a WAL flush per document were most of an order's cost. A document naming an order another one of the batch
   * names waits for the next round, so one order's documents apply in their order. When a shared
   * transaction fails (a concurrent change of one of its orders), each of its documents is
   * applied alone: the stock steps are idempotent, so repeating them moves nothing twice.
   */
  async applyMany(docs: readonly IntakeDocument[]): Promise<(ApplyOutcome | Error)[]> {
    const outcomes: (ApplyOutcome | Error)[] = new Array(docs.length);
    const byTenant = new Map<string, number[]>();
    for (let i = 0; i < docs.length; i++) {
      const list = byTenant.get(docs[i]!.tenant);
      if (list === undefined) byTenant.set(docs[i]!.tenant, [i]);
      else list.push(i);
    }
    await Promise.all([...byTenant].map(async ([tenant, indexes]) => {
      let pending = indexes;
      while (pending.length > 0) {
        const round: Mapped[] = [];
        const later: number[] = [];
        const named = new Set<string>();
        for (const i of pending) {
          const mapped = await settleOf(() => this.mappedOf(docs[i]!, i));
          if (mapped instanceof Error) { outcomes[i] = mapped; continue; }
          if ('deadLetter' in mapped) { outcomes[i] = await settleOf(() => this.deadLettered(docs[i]!, mapped.deadLetter)); continue; }
          if (named.has(mapped.orderId)) { later.push(i); continue; }
          named.add(mapped.orderId);
          round.push(mapped);
        }
        await this.applyRound(tenant, round, outcomes);
        pending = later;
      }
    }));
    return outcomes;
  }

  private async applyRound(tenant: string, round: readonly Mapped[], outcomes: (ApplyOutcome | Error)[]): Promise<void> {
    if (round.length === 0) return;
    try {
      const results = await this.inOneTransaction(tenant, round);
      round.forEach((m, k) => { outcomes[m.index] = results[k]!; });
    } catch (err) {
      if (round.length === 1) { outcomes[round[0]!.index] = asError(err); return; }
      // Rolled back as a whole: each document alone, as a redelivery would.
      await Promise.all(round.map(async (m) => { outcomes[m.index] = await settleOf(() => this.apply(m.doc)); }));
    }
  }

  /**
   * Reads, decides (stock through the engine) and writes a round's documents in ONE tenant
   * transaction, the reads and the writes of all of them pipelined: an outcome per document (a
   * document whose stock step failed gets its Error and writes nothing); throws when the
   * transaction fails, having written nothing.
   */
  private inOneTransaction(tenant: string, round: readonly Mapped[]): Promise<(ApplyOutcome | Error)[]> {
    return this.orders.inTenant(tenant, async (tx) => {
      const rules = tx.holdRules();
      const contexts = await Promise.all(round.map((m) => readContext(tx, m.orderId, m.draft, rules)));
      const decided = await Promise.all(round.map((m, k) => settleOf(() => this.decide(m.doc, m.orderId, m.draft, contexts[k]!))));
      return allOrThrow(round.map(async (m, k): Promise<ApplyOutcome | Error> => {
        const next = decided[k]!;
        if (next instanceof Error) return next;
        if ((await tx.noteDelivery(m.doc.channel, m.doc.deliveryId)) === 'replayed') return { kind: 'replayed', orderId: m.orderId };
        return this.store(tx, contexts[k]!.existing, next, actorOf(m.doc));
      }));
    });
  }

  private async mappedOf(doc: IntakeDocument, index: number): Promise<Mapped | { deadLetter: DeadLetterDraft }> {
    const mapped = await this.map(doc);
    if ('deadLetter' in mapped) return mapped;
    return { index, doc, draft: mapped.draft, orderId: orderIdOf(doc.channel, mapped.draft.externalId) };
  }

  private async deadLettered(doc: IntakeDocument, letter: DeadLetterDraft): Promise<ApplyOutcome> {
    const { id } = await this.orders.inTenant(doc.tenant, (tx) => tx.deadLetter({ channel: doc.channel, document: doc.body, ...letter }));
    return { kind: 'dead_letter', deadLetterId: id, reason: letter.reason };
  }

  /** The draft of a document, or the dead letter it becomes. */
  private async map(doc: IntakeDocument): Promise<{ draft: OrderDraft } | { deadLetter: DeadLetterDraft }> {
    const channel = await this.channelStore.get(doc.tenant, doc.channel);
    if (channel === null) return { deadLetter: { reason: `channel ${doc.channel} not found` } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(doc.body));
    } catch (err) {
      return { deadLetter: { reason: `the document is not JSON: ${(err as Error).message}`.slice(0, 500), rule: 'json', mappingVersion: channel.mappingVersion } };
    }
    // An import (import.service.ts) is canonical OrderDraft JSON whatever the channel's platform: the generic mapping reads it.
    const mapping = doc.source === 'import' ? this.channels.genericMapping() : this.channels.mappingOf(channel);
    if (!mapping.ok) return { deadLetter: { reason: `the channel's mapping is invalid: ${mapping.error.detail}`, rule: 'mapping', mappingVersion: channel.mappingVersion } };
    const draft = applyMapping(mapping.value, parsed, channel.skuMap, { linesMax: this.limits.linesMax, qtyMax: this.limits.qtyMax });
    if (!draft.ok) return { deadLetter: { ...draft.error, mappingVersion: channel.mappingVersion } };
    return { draft: draft.value };
  }

  /** The order as it should be after this document: status from the facts, holds, stock in line with it. */
  private async decide(doc: IntakeDocument, orderId: string, sent: OrderDraft, context: ApplyContext): Promise<Order> {
    const existing = context.existing;
    const { draft, addressChangedAtMs } = this.addressOf(existing, context.lastAddress, sent);
    const facts = channelFactsOf(draft);
    let k: OrderKnowledge = existing === null ? addFacts(noKnowledge, facts) : addFacts(knowledgeOf(existing), facts);
    let holds: readonly HoldReason[] = existing?.holds ?? [];
    const version = existing === null ? 1 : existing.version + 1;
    // A paid order nobody decided on yet is held for review or released to the warehouse.
    if (statusOf(k) === 'paid') {
      holds = evaluateHolds(context.rules, draft, { isFirstOrderOfBuyer: context.first, nowMs: this.clock.nowMs(), ...(addressChangedAtMs === undefined ? {} : { addressChangedAtMs }) });
      k = step(k, holds.length > 0 ? 'hold' : 'release', version);
    }
    const candidate: Order = {
      ...draft, id: orderId, tenant: doc.tenant, channel: doc.channel, status: statusOf(k), holds, version,
      ...(existing?.reservationId === undefined ? {} : { reservationId: existing.reservationId }),
    };
    const settled = await this.stock.settle(doc.tenant, candidate, candidate.status);
    if (!settled.ok) throw settled.error;
    const { reservationId, refused } = settled.value;
    const withStock: Order = { ...candidate, ...(reservationId === undefined ? {} : { reservationId }) };
    if (refused === undefined) return withStock;
    return { ...withStock, status: statusOf(step(k, 'fail', version)), holds: [...holds, stockReason(refused)] };
  }

  /**
   * The draft with the address this document leaves on the order, and when the address last changed after
   * placement (the hold rule addressChangedWithin). A document that repeats the address a Pallet-side change
   * (address_changed: an ops key or the buyer's order token) replaced does not put it back: the platform
   * still has its old copy. Any other address in a document is the platform's own change (now).
   */
  private addressOf(existing: Order | null, last: ApplyContext['lastAddress'], sent: OrderDraft): { draft: OrderDraft; addressChangedAtMs?: number } {
    if (existing === null) return { draft: sent };
    const lastAt = last === null ? {} : { addressChangedAtMs: last.atMs };
    if (sameAddress(sent.shippingAddress, existing.shippingAddress)) return { draft: sent, ...lastAt };
    if (last?.action === 'address_changed' && last.before !== undefined && last.after !== undefined
      && sameAddress(sent.shippingAddress, last.before) && sameAddress(existing.shippingAddress, last.after)) {
      return { draft: { ...sent, shippingAddress: existing.shippingAddress }, ...lastAt };
    }
    return { draft: sent, addressChangedAtMs: this.clock.nowMs() };
  }

  private async store(tx: OrderTx, existing: Order | null, next: Order, actor: Actor): Promise<ApplyOutcome> {
    const nowMs = this.clock.nowMs();
    if (existing === null) {
      const inserted = await tx.insert(next, { actor, atMs: nowMs, action: 'created', changes: orderChanges(null, next) });
      return inserted.inserted ? { kind: 'created', order: next } : { kind: 'unchanged', orderId: next.id };
    }
    const changes = orderChanges(existing, { ...next, version: existing.version });
    if (Object.keys(changes).length === 0) return { kind: 'unchanged', orderId: next.id };
    const action = next.status !== existing.status ? `status_${next.status}` : 'channel_update';
    if (!(await tx.update(next, existing.version, { actor, atMs: nowMs, action, changes }))) {
      throw new Error(`order ${next.id} changed while this document was applied; retry`);
    }
    return { kind: 'updated', order: next };
  }
}

/** The reads deciding needs, issued together on one transaction (pipelined). */
async function readContext(tx: OrderTx, orderId: string, draft: OrderDraft, holdRules: Promise<HoldRule[]>): Promise<ApplyContext> {
  const [existing, rules, first] = await Promise.all([
    tx.get(orderId), holdRules, tx.isFirstOrderOfBuyer(draft.shippingAddress.phone, orderId),
  ]);
  const lastAddress = existing === null ? null : await tx.lastAddressChange(existing.id);
  return { existing, rules, first, lastAddress };
}

/** Every promise settled; the first failure thrown (after all, so nothing runs on in a closed transaction). */
async function allOrThrow<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

async function settleOf<T>(fn: () => Promise<T>): Promise<T | Error> {
  try {
    return await fn();
  } catch (err) {
    return asError(err);
  }
}

/** A Pallet command on the facts; a refused one leaves them as they are (the status decides). */
function step(k: OrderKnowledge, command: OrderCommand, version: number): OrderKnowledge {
  const outcome = applyCommand(k, command, { seq: Math.max(version, lastSeq(k) + 1), atMs: 0 });
  return outcome.ok ? outcome.value.knowledge : k;
}

function stockReason(error: DomainError): HoldReason {
  const short = error.extra?.lines;
  return { rule: 'stock', detail: `${error.code}: ${error.detail}${short === undefined ? '' : ` ${JSON.stringify(short)}`}`.slice(0, 500) };
}

function actorOf(doc: IntakeDocument): Actor {
  if (doc.actor.startsWith('key:')) return { kind: 'key', id: doc.actor.slice(4) };
  if (doc.source === 'webhook') return { kind: 'channel', id: doc.channel };
  return { kind: 'system', id: doc.source };
}
