// unstorableTextIn: U+0000 and unpaired surrogates (what PostgreSQL refuses or
// silently changes) are found in any string or key, at any depth, by path.
import { describe, expect, it } from 'vitest';
import { unstorableReason, unstorableTextIn } from '../../src/core/text.rules.ts';

describe('unstorableReason', () => {
  it.each([['a\u0000b'], ['\u0000'], ['a\ud800'], ['\udc00a'], ['\ud83d\ude00\ud800'], ['\ude00\ud83d']])('refuses %j', (s) => {
    expect(unstorableReason(s)).toMatch(/must not contain/);
  });

  it.each([[''], ['plain'], ['Lager 😀 Süd'], ['\u0001\u001f\u007f'], ['\uffff'], ['\ud83d\ude00']])('accepts %j', (s) => {
    expect(unstorableReason(s)).toBeNull();
  });
});

describe('unstorableTextIn', () => {
  it('names the field, array index or key that holds the text', () => {
    expect(unstorableTextIn({ a: 1, reason: 'x\u0000' })).toMatchObject({ path: '.reason', reason: expect.stringContaining('U+0000') });
    expect(unstorableTextIn({ lines: [{ sku: 'A' }, { sku: 'B\ud800' }] })).toMatchObject({ path: '.lines[1].sku', reason: expect.stringContaining('surrogate') });
    expect(unstorableTextIn({ 'a\u0000': 1 })).toMatchObject({ path: '["a\\u0000"]' });
    expect(unstorableTextIn({ 'idempotency-key': 'k\u0000' })).toMatchObject({ path: '.idempotency-key' });
    expect(unstorableTextIn('x\u0000')).toMatchObject({ path: '' });
  });

  it('passes values with nothing to refuse', () => {
    expect(unstorableTextIn({ a: [1, true, null, { b: 'ok 😀' }], c: 'd' })).toBeNull();
    expect(unstorableTextIn(undefined)).toBeNull();
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let v: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(unstorableTextIn(v)?.path).toBe('[0]'.repeat(100_000));
  });
});
