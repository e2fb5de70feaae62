// BoundedLru: bounded, evicts the least recently used entry (never everything).
import { describe, expect, it } from 'vitest';
import { BoundedLru } from '../../src/core/lru.ts';

describe('BoundedLru', () => {
  it('never holds more than entriesMax entries', () => {
    const lru = new BoundedLru<number, number>(3);
    for (let i = 0; i < 100; i++) lru.set(i, i);
    expect(lru.size).toBe(3);
    expect([97, 98, 99].map((k) => lru.peek(k))).toEqual([97, 98, 99]);
  });

  it('evicts the least recently used entry: a key read often survives a stream of new keys', () => {
    const lru = new BoundedLru<string, string>(4);
    lru.set('hot', 'h');
    for (let i = 0; i < 1_000; i++) {
      lru.set(`cold${i}`, 'c');
      expect(lru.get('hot'), `after cold${i}`).toBe('h');
    }
    expect(lru.size).toBe(4);
  });

  it('peek does not mark an entry used; set of an existing key refreshes it without eviction', () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.peek('a')).toBeUndefined();
    lru.set('b', 20);
    expect(lru.size).toBe(2);
    expect(lru.peek('c')).toBe(3);
    expect(lru.peek('b')).toBe(20);
  });

  it('deleteWhere removes exactly the matching entries', () => {
    const lru = new BoundedLru<number, { owner: string }>(10);
    for (let i = 0; i < 10; i++) lru.set(i, { owner: i % 3 === 0 ? 'x' : 'y' });
    expect(lru.deleteWhere((v) => v.owner === 'x')).toBe(4);
    expect(lru.size).toBe(6);
    expect(lru.peek(3)).toBeUndefined();
    expect(lru.peek(4)).toEqual({ owner: 'y' });
  });

  it('refuses a bound below 1', () => {
    expect(() => new BoundedLru(0)).toThrow(/entriesMax/);
  });
});
