// Control messages (adapters/ws/control.ts): anything a client sends parses to
// a ping, a (un)subscribe of a known topic, or an error to answer with —
// never an exception, never an inherited property taken for a topic.
import { describe, expect, it } from 'vitest';
import { parseControl } from '../../src/adapters/ws/control.ts';

const parse = (text: string, skuLengthMax = 64) => {
  const b = Buffer.from(text, 'utf8');
  return parseControl(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, skuLengthMax);
};

describe('control messages', () => {
  it('parses ping, subscribe and unsubscribe of known topics', () => {
    expect(parse('{"op":"ping"}')).toEqual({ op: 'ping' });
    expect(parse('{"op":"subscribe","topic":"stock.all"}')).toEqual({ op: 'subscribe', topic: { name: 'stock.all', kind: 'stockAll' } });
    expect(parse('{"op":"unsubscribe","topic":"stock.sku.tea"}')).toEqual({ op: 'unsubscribe', topic: { name: 'stock.sku.tea', kind: 'stockSku', sku: 'tea' } });
  });

  it.each([
    ['not JSON', '{', 'BAD_MESSAGE', ''],
    ['JSON null', 'null', 'BAD_MESSAGE', ''],
    ['a JSON string', '"ping"', 'BAD_MESSAGE', ''],
    ['an unknown op', '{"op":"publish","topic":"stock.all"}', 'BAD_MESSAGE', ''],
    ['an inherited op name', '{"op":"constructor"}', 'BAD_MESSAGE', ''],
    ['a topic that is not a string', '{"op":"subscribe","topic":["stock.all"]}', 'BAD_MESSAGE', ''],
    ['an inherited property as topic', '{"op":"subscribe","topic":"__proto__"}', 'UNKNOWN_TOPIC', '__proto__'],
    ['a SKU over skuLengthMax', `{"op":"subscribe","topic":"stock.sku.${'x'.repeat(65)}"}`, 'UNKNOWN_TOPIC', `stock.sku.${'x'.repeat(65)}`],
  ])('answers %s with an error frame', (_what, text, code, topic) => {
    const c = parse(text);
    expect(c.op).toBe('invalid');
    if (c.op === 'invalid') {
      expect(c.error.code).toBe(code);
      expect(c.topic).toBe(topic);
    }
  });

  it('names at most 100 characters of an unknown topic in the answer', () => {
    const c = parse(JSON.stringify({ op: 'subscribe', topic: 'y'.repeat(5_000) }));
    expect(c.op === 'invalid' ? c.topic : null).toBe('y'.repeat(100));
  });
});
