// duplicateKeyPath: a key given twice in one object, at any depth, is found
// and named by its path; JSON.stringify output (which cannot repeat a key) never
// is. The property part prints its seed: rerun with FC_SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeyPath } from '../../src/core/json.strict.ts';

describe('duplicateKeyPath', () => {
  it.each([
    ['the payment report: status twice', '{"status":"pending","amount":1,"status":"succeeded"}', '.status'],
    ['an escaped spelling of the same key', '{"status":"pending","st\\u0061tus":"succeeded"}', '.status'],
    ['inside a nested object', '{"a":{"b":1,"c":{"d":1,"d":2}}}', '.a.c.d'],
    ['inside an array item', '{"lines":[{"sku":"A"},{"sku":"B","sku":"C"}]}', '.lines[1].sku'],
    ['in an array of arrays', '[[1],[{"x":1,"x":1}]]', '[1][0].x'],
    ['a key that is not an identifier', '{"a b":1,"a b":2}', '["a b"]'],
    ['the empty key', '{"":1,"":2}', '[""]'],
    ['with whitespace everywhere', ' { "k" : 1 ,\n "k" : [ ] } ', '.k'],
  ])('finds %s', (_name, text, path) => {
    expect(JSON.parse(text)).toBeDefined();
    expect(duplicateKeyPath(text)).toBe(path);
  });

  it.each([
    ['distinct keys', '{"status":"pending","amount":1}'],
    ['the same key in sibling objects', '[{"a":1},{"a":2}]'],
    ['the same key at two depths', '{"a":{"a":{"a":1}}}'],
    ['a string value that looks like a key', '{"a":"\\"a\\":1","b":"a"}'],
    ['escaped quotes and backslashes in keys', '{"a\\"":1,"a\\\\":2,"a":3}'],
    ['keys differing only in case', '{"Status":1,"status":2}'],
    ['scalars', '"x"'],
  ])('accepts %s', (_name, text) => {
    expect(JSON.parse(text)).toBeDefined();
    expect(duplicateKeyPath(text)).toBeNull();
  });

  it('scans a deeply nested body without overflowing the stack', () => {
    const depth = 100_000;
    expect(duplicateKeyPath(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)).toBeNull();
    expect(duplicateKeyPath(`${'['.repeat(depth)}{"k":1,"k":2}${']'.repeat(depth)}`)).toBe(`${'[0]'.repeat(depth)}.k`);
  });

  it('never reports JSON.stringify output, and always reports a key repeated in it', () => {
    const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
    console.log(`json.strict property seed ${seed}`);
    fc.assert(fc.property(fc.jsonValue(), fc.string(), (value, key) => {
      const text = JSON.stringify(value);
      expect(duplicateKeyPath(text)).toBeNull();
      // The same value wrapped in an object that gives `key` twice.
      const doubled = `{${JSON.stringify(key)}:${text},"x":0,${JSON.stringify(key)}:${text}}`;
      expect(duplicateKeyPath(doubled)).not.toBeNull();
    }), { seed, numRuns: 300 });
  });
});
