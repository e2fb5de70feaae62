// Text every store can keep byte for byte. A string the API accepts goes to
// Redis (as UTF-8), into events (protobuf, UTF-8) and into PostgreSQL text and
// jsonb columns. PostgreSQL refuses U+0000 in both (text: "invalid byte
// sequence 0x00", jsonb: "unsupported Unicode escape sequence"); an unpaired
// UTF-16 surrogate has no UTF-8 form, so Redis and PostgreSQL text silently
// store U+FFFD instead and jsonb refuses it. Either splits the stores after a
// 200, so such text is refused at the edge, wherever it appears.

// With the u flag a surrogate range matches only unpaired surrogates: a valid pair is one code point.
const unstorable = /[\u0000\uD800-\uDFFF]/u;

/** Why `s` cannot be stored as is everywhere it goes, or null when it can. */
export function unstorableReason(s: string): string | null {
  const m = unstorable.exec(s);
  if (m === null) return null;
  if (m[0] === '\u0000') return 'must not contain U+0000 (NUL): it cannot be stored';
  return 'must not contain an unpaired UTF-16 surrogate: it has no UTF-8 form';
}

export interface UnstorableText {
  /** Where, from the root: `.reason`, `.lines[0].sku`, `["a\u0000"]` (a key). */
  readonly path: string;
  readonly reason: string;
}

const identifier = /^[A-Za-z_$][\w$-]*$/;
/** `.name` for plain keys, `["…"]` (JSON-escaped) for any other. */
export const keyPath = (key: string): string => (identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

interface Node { readonly value: unknown; readonly parent: Node | null; readonly step: string }

const pathOf = (n: Node): string => {
  const steps: string[] = [];
  for (let at: Node | null = n; at !== null; at = at.parent) steps.push(at.step);
  return steps.reverse().join('');
};

/**
 * The first string or object key in a parsed JSON value (objects, arrays,
 * strings, numbers…) that cannot be stored, with its path; null when every
 * one can. Iterative, so a deeply nested body cannot overflow the stack; it
 * visits each node once, and the caller bounds the input (the body limit).
 */
export function unstorableTextIn(value: unknown): UnstorableText | null {
  const stack: Node[] = [{ value, parent: null, step: '' }];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const v = n.value;
    if (typeof v === 'string') {
      const reason = unstorableReason(v);
      if (reason !== null) return { path: pathOf(n), reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: n, step: `[${i}]` });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (const key of keys) {
        const reason = unstorableReason(key);
        if (reason !== null) return { path: pathOf(n) + keyPath(key), reason: `(a key) ${reason}` };
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], parent: n, step: keyPath(keys[i]!) });
    }
  }
  return null;
}
