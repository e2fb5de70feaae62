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

  async apply(doc: IntakeDocument): Promise<ApplyOutcome> {
    const mapped = await this.map(doc);
    if ('deadLetter' in mapped) {
      const { id } = await this.orders.inTenant(doc.tenant, (tx) => tx.deadLetter({ channel: doc.channel, document: doc.body, ...mapped.deadLetter }));
      return { kind: 'dead_letter', deadLetterId: id, reason: mapped.deadLetter.reason };
    }
    const draft = mapped.draft;
    const orderId = orderIdOf(doc.channel, draft.externalId);
    const context = await this.contextOf(doc.tenant, orderId, draft);
    const existing = context.existing;
    const next = await this.decide(doc, orderId, draft, context);
    const actor = actorOf(doc);
    return this.orders.inTenant(doc.tenant, async (tx): Promise<ApplyOutcome> => {
      if ((await tx.noteDelivery(doc.channel, doc.deliveryId)) === 'replayed') return { kind: 'replayed', orderId };
      return this.store(tx, existing, next, actor);
    });
  }

  /** What deciding needs from the order pool, read in one transaction (the reads pipelined). */
  private contextOf(tenant: string, orderId: string, draft: OrderDraft): Promise<ApplyContext> {
    return this.orders.inTenant(tenant, async (tx) => {
      const [existing, rules, first] = await Promise.all([
        tx.get(orderId), tx.holdRules(), tx.isFirstOrderOfBuyer(draft.shippingAddress.phone, orderId),
      ]);
      const lastAddress = existing === null ? null : await tx.lastAddressChange(existing.id);
      return { existing, rules, first, lastAddress };
    });
  }

  /** The draft of a document, or the dead letter it becomes. */
  private async map(doc: IntakeDocument): Promise<{ draft: OrderDraft } | { deadLetter: { reason: string; sourcePath?: string; rule?: string; mappingVersion?: number } }> {
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
