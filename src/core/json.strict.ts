// Duplicate keys in JSON. JSON.parse keeps the last of two equal keys, so the
// signed body `{"status":"pending","status":"succeeded"}` reads as succeeded
// while a provider's (or a proxy's) parser that keeps the first reads pending:
// the signature then covers a message two readers understand differently.
// Anything signed (payment callbacks, channel webhooks) is scanned with
// duplicateKeyPath and refused when a key repeats, at any depth.

import { keyPath } from './text.rules.ts';

/** An open object or array; its path is built from the parents only when a duplicate is found. */
interface Frame {
  readonly parent: Frame | null;
  /** How the parent reaches this value: `.key`, `["key"]` or `[index]`. */
  readonly step: string;
  readonly isObject: boolean;
  /** Objects: the keys seen so far (a Set from the second key on), the last key, and whether a key comes next. */
  keys: Set<string> | null;
  seenKey: boolean;
  key: string;
  expectKey: boolean;
  /** Arrays: the index of the current item. */
  index: number;
}

const quote = 0x22;
const backslash = 0x5c;

/** The index just past the string literal that starts (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === backslash) i += 2; // skip the escaped character (\uXXXX's digits need no care)
    else if (c === quote) return i + 1;
    else i++;
  }
  return i;
}

const stepInto = (top: Frame | null): string => {
  if (top === null) return '';
  return top.isObject ? keyPath(top.key) : `[${top.index}]`;
};

const pathOf = (frame: Frame): string => {
  const steps: string[] = [];
  for (let f: Frame | null = frame; f !== null; f = f.parent) steps.push(f.step);
  return steps.reverse().join('');
};

const open = (parent: Frame | null, isObject: boolean): Frame =>
  ({ parent, step: stepInto(parent), isObject, keys: null, seenKey: false, key: '', expectKey: isObject, index: 0 });

/**
 * The path (`.status`, `.lines[0].sku`) of the first key that appears twice
 * in one object of `text`, or null when no key repeats. Keys are compared as
 * parsed (`"st\u0061tus"` is `status`). `text` must be valid JSON (JSON.parse
 * it first): values are skipped, not checked. One pass, O(length); nesting is
 * a linked list of frames, so depth cannot overflow the call stack.
 */
export function duplicateKeyPath(text: string): string | null {
  let top = null as Frame | null; // (cast: TS would narrow a plain null through the loop)
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      const end = stringEnd(text, i);
      if (top !== null && top.isObject && top.expectKey) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        if (top.keys !== null ? top.keys.has(key) : top.seenKey && top.key === key) return pathOf(top) + keyPath(key);
        if (top.keys !== null) top.keys.add(key);
        else if (top.seenKey) top.keys = new Set([top.key, key]); // most objects have one key: no Set for them
        top.seenKey = true;
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */) top = open(top, true);
    else if (c === 0x5b /* [ */) top = open(top, false);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) top = top?.parent ?? null;
    else if (c === 0x2c /* , */ && top !== null) {
      if (top.isObject) top.expectKey = true;
      else top.index++;
    }
    i++;
  }
  return null;
}
