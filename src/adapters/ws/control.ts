// Control messages from dashboards (JSON text): {op: 'subscribe' | 'unsubscribe', topic}
// and {op: 'ping'}. Anything a client sends is parsed here, never thrown on:
// what is not a valid control message is an error frame to answer with.
import { parseTopic, type Topic } from '../../app/board/topics.ts';
import type { ErrorData } from './frames.codec.ts';

export type Control =
  | { readonly op: 'ping' }
  | { readonly op: 'subscribe' | 'unsubscribe'; readonly topic: Topic }
  /** Not a valid control message: answer with an error frame of `topic`. */
  | { readonly op: 'invalid'; readonly topic: string; readonly error: ErrorData };

const topicsHelp = 'topics: orders.today, stock.all, stock.sku.<sku>, stock.low, exceptions';

export function parseControl(message: ArrayBuffer, skuLengthMax: number): Control {
  const invalid = (detail: string, code = 'BAD_MESSAGE', topic = ''): Control => ({ op: 'invalid', topic, error: { code, detail } });
  let msg: { op?: unknown; topic?: unknown };
  try {
    msg = JSON.parse(Buffer.from(message).toString('utf8')) as typeof msg;
    if (msg === null || typeof msg !== 'object') throw new Error('not an object');
  } catch {
    return invalid('a control message is a JSON object {op, topic}');
  }
  if (msg.op === 'ping') return { op: 'ping' };
  if (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') return invalid('op must be subscribe, unsubscribe or ping');
  if (typeof msg.topic !== 'string') return invalid('topic must be a string');
  const topic = parseTopic(msg.topic, skuLengthMax);
  if (topic === null) return invalid(topicsHelp, 'UNKNOWN_TOPIC', msg.topic.slice(0, 100));
  return { op: msg.op, topic };
}
