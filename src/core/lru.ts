// A bounded least-recently-used map: at most `entriesMax` entries; setting a
// new key when full evicts the entry used longest ago (never the whole map).
// Map keeps insertion order, so "use" is delete + re-insert and the oldest
// entry is the first key.
import { assert } from './errors.ts';

export class BoundedLru<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly entriesMax: number) {
    assert(Number.isSafeInteger(entriesMax) && entriesMax >= 1, `entriesMax must be a positive integer, got ${entriesMax}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, marked as just used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value without marking it used. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores the value as just used; evicts the least recently used entry when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.entriesMax) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Deletes every entry the predicate accepts (a full scan: for rare operations such as a key revocation). */
  deleteWhere(predicate: (value: V, key: K) => boolean): number {
    let deleted = 0;
    for (const [key, value] of this.entries) {
      if (predicate(value, key)) {
        this.entries.delete(key);
        deleted++;
      }
    }
    return deleted;
  }
}
