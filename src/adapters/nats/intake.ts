// The intake stream: channel order documents as received, raw, with their
// metadata in NATS headers. Nats-Msg-Id = tenant/channel/delivery id, so a
// delivery repeated within the stream's duplicate window is stored once.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import { intakeSources, type IntakeDocument, type IntakeLog, type IntakeSource } from '../../app/intake.port.ts';
import { topology, type Topology } from './topology.ts';

const h = {
  tenant: 'Pallet-Tenant', channel: 'Pallet-Channel', delivery: 'Pallet-Delivery-Id', received: 'Pallet-Received-At',
  source: 'Pallet-Source', topic: 'Pallet-Topic', actor: 'Pallet-Actor',
} as const;

export class JetStreamIntake implements IntakeLog {
  private readonly t: Topology;

  constructor(private readonly js: JetStreamClient, namespace: string) {
    this.t = topology(namespace);
  }

  async append(doc: IntakeDocument, timeoutMs: number): Promise<{ duplicate: boolean; sequence: number }> {
    const hdrs = natsHeaders();
    setIntakeHeaders(hdrs, doc);
    const ack = await this.js.publish(this.t.intakeSubject(doc.tenant, doc.channel), doc.body, {
      msgID: `${doc.tenant}/${doc.channel}/${doc.deliveryId}`, timeout: timeoutMs, headers: hdrs,
      expect: { streamName: this.t.intakeStream },
    });
    return { duplicate: ack.duplicate, sequence: ack.seq };
  }
}

/** The header naming a document's delivery id. */
export const intakeDeliveryHeader = h.delivery;

/** The metadata headers of a document (all of them: a reused headers object loses the previous document's topic). */
export function setIntakeHeaders(hdrs: MsgHdrs, doc: IntakeDocument): void {
  hdrs.set(h.tenant, doc.tenant);
  hdrs.set(h.channel, doc.channel);
  hdrs.set(h.delivery, doc.deliveryId);
  hdrs.set(h.received, String(doc.receivedAtMs));
  hdrs.set(h.source, doc.source);
  if (doc.topic !== '') hdrs.set(h.topic, doc.topic);
  else if (hdrs.has(h.topic)) hdrs.delete(h.topic);
  hdrs.set(h.actor, doc.actor);
}

/** The document a message carries, or why it is poison. */
export function intakeOf(m: Pick<JsMsg, 'data' | 'subject' | 'headers'>, namespace: string): IntakeDocument | string {
  const get = (name: string): string => m.headers?.get(name) ?? '';
  const tenant = get(h.tenant);
  const channel = get(h.channel);
  if (m.subject !== topology(namespace).intakeSubject(tenant, channel)) return `headers (tenant ${tenant}, channel ${channel}) do not match subject ${m.subject}`;
  const source = get(h.source);
  if (!(intakeSources as readonly string[]).includes(source)) return `unknown source ${JSON.stringify(source)}`;
  const receivedAtMs = Number(get(h.received));
  if (!Number.isSafeInteger(receivedAtMs) || receivedAtMs <= 0) return 'received time missing or malformed';
  const deliveryId = get(h.delivery);
  if (deliveryId === '') return 'delivery id missing';
  return { tenant, channel, deliveryId, receivedAtMs, source: source as IntakeSource, topic: get(h.topic), actor: get(h.actor), body: m.data };
}
