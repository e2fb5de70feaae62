// The projector's triage of a pulled batch: each message decoded and checked
// (ledger.validation.ts, and the subject it came on); the poison is handed to
// the dead-letter path at once, the rest goes on to be written.
import type { JsMsg } from '@nats-io/jetstream';
import { decodeEnvelope, subjectOf, type Envelope } from '../../adapters/events/envelope.codec.ts';
import { envelopeProblem } from '../../adapters/postgres/ledger.validation.ts';

export interface Decoded {
  readonly m: JsMsg;
  readonly e: Envelope;
}

export interface Triaged {
  readonly good: Decoded[];
  /** The dead-lettering of the poison, already under way. */
  readonly dead: Promise<void>[];
}

/** The envelope of a message, or why it is poison. */
export function decodeMessage(m: JsMsg, namespace: string): Decoded | string {
  let e: Envelope;
  try {
    e = decodeEnvelope(m.data);
  } catch (err) {
    return `undecodable envelope: ${(err as Error).message}`;
  }
  const problem = envelopeProblem(e);
  if (problem !== null) return `invalid envelope: ${problem}`;
  if (m.subject !== subjectOf(namespace, e.tenant, e.type)) return `subject ${m.subject} does not match tenant ${e.tenant} and type ${e.type}`;
  return { m, e };
}

/** Decodes and validates; the poison is dead-lettered right away. `redelivered` counts each message delivered before. */
export function triage(batch: readonly JsMsg[], namespace: string, redelivered: () => void, deadLetter: (m: JsMsg, reason: string) => Promise<void>): Triaged {
  const good: Decoded[] = [];
  const dead: Promise<void>[] = [];
  for (const m of batch) {
    if (m.info.deliveryCount > 1) redelivered();
    const decoded = decodeMessage(m, namespace);
    if (typeof decoded === 'string') dead.push(deadLetter(m, decoded));
    else good.push(decoded);
  }
  return { good, dead };
}
