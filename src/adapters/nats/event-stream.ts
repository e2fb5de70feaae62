// The events stream as the tail guard sees it: its bounds, the message id
// stored at a sequence, and moving the durable consumers back to a sequence
// (a repair after JetStream lost acknowledged messages).
import { DeliverPolicy, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import type { EventStream, StreamBounds } from '../../app/event-log.port.ts';
import type { EventsConfig } from '../../config.ts';
import { consumerConfig, topology, type ConsumerName, type Topology } from './topology.ts';

export interface ConsumerMove {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/** JetStream's "consumer not found". */
const consumerNotFound = 10014;

export class JetStreamEventStream implements EventStream {
  private readonly t: Topology;

  constructor(private readonly jsm: JetStreamManager, namespace: string) {
    this.t = topology(namespace);
  }

  async bounds(): Promise<StreamBounds> {
    const { state } = await this.jsm.streams.info(this.t.eventsStream);
    return { firstSeq: state.first_seq, lastSeq: state.last_seq, messages: state.messages };
  }

  async msgIdAt(seq: number): Promise<string | null> {
    const stored = await this.jsm.streams.getMessage(this.t.eventsStream, { seq });
    return stored === null ? null : stored.header?.get('Nats-Msg-Id') ?? '';
  }

  /** The first sequence stored at or after `ms` (binary search by stored time), or last + 1 when none is. */
  async firstSeqAfter(ms: number): Promise<number> {
    const { firstSeq, lastSeq, messages } = await this.bounds();
    if (messages === 0) return lastSeq + 1;
    let lo = Math.max(1, firstSeq);
    let hi = lastSeq + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const m = await this.jsm.streams.getMessage(this.t.eventsStream, { seq: mid });
      // A hole (deleted message) counts as "after": the search then errs towards redelivering more.
      if (m === null || m.time.getTime() >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Recreates every durable consumer that got past the first message stored
   * after `sinceMs`, to start at the earlier of that message and its ack
   * floor + 1: whatever it may have been handed since then comes again. A
   * consumer that is missing (a repair that stopped between delete and add)
   * is created at that point.
   */
  async repositionConsumers(sinceMs: number, events: EventsConfig): Promise<ConsumerMove[]> {
    const t = this.t;
    const moved: ConsumerMove[] = [];
    const since = await this.firstSeqAfter(sinceMs);
    for (const name of Object.keys(t.consumers) as ConsumerName[]) {
      const durable = t.consumers[name].durable;
      const info = await this.jsm.consumers.info(t.eventsStream, durable).catch((err: unknown) => {
        if (err instanceof JetStreamApiError && err.code === consumerNotFound) return null;
        throw err;
      });
      const delivered = info?.delivered.stream_seq ?? 0;
      const start = info === null ? since : Math.min(info.ack_floor.stream_seq + 1, since);
      if (info !== null && delivered < start) continue;
      if (info !== null) await this.jsm.consumers.delete(t.eventsStream, durable);
      await this.jsm.consumers.add(t.eventsStream, {
        ...consumerConfig(t, name, events), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start,
      });
      moved.push({ name, from: delivered, to: start });
    }
    return moved;
  }
}
