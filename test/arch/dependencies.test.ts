// The dependency rule: the pure core imports nothing but other core files —
// no adapters, no node:* modules, no client libraries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = join(import.meta.dirname, '..', '..', 'src', 'core');

function importsOf(text: string): string[] {
  const patterns = [
    /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/g,
    /(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]!));
}

/** Core files live flat in src/core, so the only allowed specifiers are `./<file>.ts`. */
function violations(files: readonly { name: string; text: string }[]): string[] {
  return files.flatMap(({ name, text }) =>
    importsOf(text).filter((spec) => !/^\.\/[\w.-]+\.ts$/.test(spec)).map((spec) => `${name} imports ${spec}`));
}

describe('dependency rule', () => {
  it('src/core imports only other src/core files', () => {
    const files = readdirSync(coreDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))
      .map((name) => ({ name, text: readFileSync(join(coreDir, name), 'utf8') }));
    expect(files.length).toBeGreaterThan(3);
    expect(violations(files)).toEqual([]);
  });

  it.each([
    "import { Redis } from 'ioredis';",
    "import { createHash } from 'node:crypto';",
    "import type { TenantKeys } from '../adapters/redis/keys.ts';",
    "const pg = require('postgres');",
    "export * from '../app/stock.port.ts';",
    "import 'pino';",
    "const m = await import('fastify');",
  ])('the rule rejects %s', (line) => {
    expect(violations([{ name: 'x.ts', text: `${line}\n` }])).toHaveLength(1);
  });

  it('the rule accepts core-relative imports', () => {
    expect(violations([{ name: 'x.ts', text: "import type { Sku } from './catalog.types.ts';\nimport { ok } from './errors.ts';\n" }])).toEqual([]);
  });
});

describe('one lease', () => {
  it('only src/adapters/redis/lease.ts runs the lease scripts (every lease measures time the same way)', () => {
    const srcDir = join(import.meta.dirname, '..', '..', 'src');
    const users = readdirSync(srcDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))
      .filter((f) => /['"](renewLease|releaseLease)['"]/.test(readFileSync(join(srcDir, f), 'utf8')))
      .map((f) => f.split('\\').join('/'));
    expect(users.sort()).toEqual(['adapters/redis/lease.ts', 'adapters/redis/scripts.ts']);
  });
});
