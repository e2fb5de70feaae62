// Many intake documents at once (the batch import of orders): one plain
// publish per document with a reply subject on one ack inbox, one timer per
// batch (BatchPublisher), instead of one js.publish request each: a timer, a
// promise and two captured stack traces per document cost more than the
// document's whole import. Same subject, headers and Nats-Msg-Id as
// JetStreamIntake.append, so the orders role cannot tell them apart.
import { PubHeaders } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { IntakeDocument } from '../../app/intake.port.ts';
import type { IntakeBatchLog } from '../../app/import.port.ts';
import { BatchPublisher, type BatchResult } from './batch-publisher.ts';
import { intakeDeliveryHeader, setIntakeHeaders } from './intake.ts';
import { topology, type Topology } from './topology.ts';

export class JetStreamIntakeBatch implements IntakeBatchLog {
  private readonly t: Topology;
  /** Made on first use: its ack inbox subscription costs nothing in processes that never import. */
  private publisher: BatchPublisher | null = null;

  constructor(private readonly nc: NatsConnection, namespace: string) {
    this.t = topology(namespace);
  }

  appendMany(docs: readonly IntakeDocument[], timeoutMs: number): Promise<BatchResult> {
    this.publisher ??= new BatchPublisher(this.nc);
    const subjects = docs.map((d) => this.t.intakeSubject(d.tenant, d.channel));
    const msgIds = docs.map((d) => `${d.tenant}/${d.channel}/${d.deliveryId}`);
    let previous: IntakeDocument | null = null;
    return this.publisher.publish(subjects, docs.map((d) => d.body), msgIds, timeoutMs, (i, hdrs) => {
      const doc = docs[i]!;
      // The documents of one import share all headers but the delivery id: those are set again only when they change.
      if (previous !== null && sameButDelivery(previous, doc)) hdrs.set(intakeDeliveryHeader, doc.deliveryId);
      else {
        setIntakeHeaders(hdrs, doc);
        hdrs.set(PubHeaders.ExpectedStreamHdr, this.t.intakeStream);
      }
      previous = doc;
    });
  }
}

const sameButDelivery = (a: IntakeDocument, b: IntakeDocument): boolean =>
  a.tenant === b.tenant && a.channel === b.channel && a.receivedAtMs === b.receivedAtMs && a.source === b.source && a.topic === b.topic && a.actor === b.actor;
