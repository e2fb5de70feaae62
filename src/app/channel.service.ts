// Channels of a tenant (issue 11): create, read, change, rotate the webhook
// secret; dead letters of documents that did not map, and their replay.
import { validateMapping, type Mapping } from '../core/channel.mapping.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import type { ChannelType } from '../core/order.types.ts';
import type { IntakeLog } from './intake.port.ts';
import type { ChannelInfo, ChannelStore, DeadLetterFilters, DeadLetterPage, DeadLetterSummary } from './order.port.ts';

export interface ChannelInput {
  readonly id: string;
  readonly type: ChannelType;
  readonly name: string;
  readonly webhookSecret?: string;
  readonly mapping?: unknown;
  readonly skuMap?: Readonly<Record<string, string>>;
}

export interface ChannelChange {
  readonly name?: string;
  /** null: back to the type's default mapping. */
  readonly mapping?: unknown;
  readonly skuMap?: Readonly<Record<string, string>>;
  /** A new webhook secret: it becomes current, the current one stays valid as the previous one. */
  readonly webhookSecret?: string;
}

/** Where a stored mapping comes from: the tenant's override or the type's default. */
export interface MappingSource {
  readonly defaultMapping: (type: ChannelType) => Mapping;
}

const channelNotFound = (id: string) => fail(domainError('CHANNEL_NOT_FOUND', `channel ${id} not found`, { channel: id }));

export class ChannelService {
  constructor(
    private readonly store: ChannelStore,
    private readonly intake: IntakeLog,
    private readonly mappings: MappingSource,
    private readonly clock: { nowMs(): number },
    private readonly publishTimeoutMs: number,
  ) {}

  async create(tenant: string, input: ChannelInput): Promise<Result<ChannelInfo>> {
    if (input.mapping !== undefined) {
      const checked = validateMapping(input.mapping);
      if (!checked.ok) return checked;
    }
    return this.store.create(tenant, {
      id: input.id, type: input.type, name: input.name, mapping: input.mapping, skuMap: input.skuMap, secret: input.webhookSecret,
    });
  }

  async get(tenant: string, id: string): Promise<Result<ChannelInfo>> {
    const found = await this.store.get(tenant, id);
    return found === null ? channelNotFound(id) : ok(found);
  }

  list(tenant: string, limit: number, afterId?: string): Promise<ChannelInfo[]> {
    return this.store.list(tenant, limit, afterId);
  }

  async change(tenant: string, id: string, change: ChannelChange): Promise<Result<ChannelInfo>> {
    if (change.mapping !== undefined && change.mapping !== null) {
      const checked = validateMapping(change.mapping);
      if (!checked.ok) return checked;
    }
    let current = await this.store.get(tenant, id);
    if (current === null) return channelNotFound(id);
    if (change.name !== undefined || change.mapping !== undefined || change.skuMap !== undefined) {
      current = await this.store.patch(tenant, id, { name: change.name, mapping: change.mapping, skuMap: change.skuMap });
      if (current === null) return channelNotFound(id);
    }
    if (change.webhookSecret !== undefined) {
      current = await this.store.rotateSecret(tenant, id, change.webhookSecret);
      if (current === null) return channelNotFound(id);
    }
    return ok(current);
  }

  /** The mapping documents of this channel go through: the tenant's override, else the type's default. */
  mappingOf(channel: ChannelInfo): Result<Mapping> {
    if (channel.mapping === null || channel.mapping === undefined) return ok(this.mappings.defaultMapping(channel.type));
    return validateMapping(channel.mapping);
  }

  /** The mapping of canonical OrderDraft JSON (batch imports write it whatever the channel's type). */
  genericMapping(): Result<Mapping> {
    return ok(this.mappings.defaultMapping('generic'));
  }

  async deadLetters(tenant: string, channel: string, filters: DeadLetterFilters, cursor: string | null, limit: number): Promise<Result<DeadLetterPage>> {
    if ((await this.store.get(tenant, channel)) === null) return channelNotFound(channel);
    return this.store.deadLetters(tenant, { ...filters, channel }, cursor, limit);
  }

  /**
   * Sends a dead letter's document through intake again (once the mapping is
   * fixed): durable in the intake stream before this answers, then marked
   * replayed. A second replay of the same dead letter is refused.
   */
  async replayDeadLetter(tenant: string, channel: string, id: string, actor: string): Promise<Result<DeadLetterSummary>> {
    const letter = await this.store.deadLetter(tenant, id);
    if (letter === null || letter.channel !== channel) return fail(domainError('NOT_FOUND', `dead letter ${id} of channel ${channel} not found`, { deadLetter: id }));
    if (letter.replayedAt !== null) return fail(domainError('CALLBACK_REPLAYED', `dead letter ${id} was replayed already`, { deadLetter: id }));
    await this.intake.append({
      tenant, channel, deliveryId: `replay:${id}`, receivedAtMs: this.clock.nowMs(), source: 'replay', topic: '', actor, body: letter.document,
    }, this.publishTimeoutMs);
    await this.store.markDeadLetterReplayed(tenant, id);
    const { document: _d, ...summary } = letter;
    return ok({ ...summary, replayedAt: new Date(this.clock.nowMs()) });
  }
}
