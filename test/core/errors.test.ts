// Core errors are codes and messages only; the HTTP adapter owns the statuses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorStatus, httpStatus } from '../../src/adapters/http/status.ts';
import * as errors from '../../src/core/errors.ts';

describe('error codes', () => {
  it('core/errors.ts knows no HTTP status', () => {
    const text = readFileSync(new URL('../../src/core/errors.ts', import.meta.url), 'utf8');
    expect(Object.keys(errors)).not.toContain('errorStatus');
    expect(text).not.toMatch(/\b[1-5]\d\d\b/);
  });

  it('the HTTP adapter has a status for every domain code, and for nothing else', () => {
    expect(Object.keys(errorStatus).sort()).toEqual([...errors.errorCodes].sort());
    for (const code of errors.errorCodes) expect(errorStatus[code], code).toBeGreaterThanOrEqual(400);
  });

  it('HTTP-only codes do not reuse a domain code', () => {
    expect(Object.keys(httpStatus).filter((c) => (errors.errorCodes as readonly string[]).includes(c))).toEqual([]);
  });
});
