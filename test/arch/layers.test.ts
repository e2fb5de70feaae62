// The layer rules, checked on every import of every hand-written file in src/:
// - app imports core and app (its ports and services) only, plus node's
//   crypto/util and `import type` from config.ts: no adapter, no role, no
//   client library;
// - an adapter family (adapters/<family>/) imports no other family, except
//   the two every adapter shares: `events` (the event envelope codec, the
//   wire contract between them) and `metrics` (the process's registry);
//   adapters import no role and no composition root;
// - a role (roles/<name>.role.ts or roles/<name>/) imports no other role.
// The core rule (core imports only core) is in dependencies.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '..', '..', 'src');

interface Edge { readonly from: string; readonly to: string; readonly typeOnly: boolean }

const importPattern = /(?:^|\n)\s*(import|export)(\s+type)?\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Imports of one file: `to` is a src-relative path for relative specifiers, else the bare specifier. */
export function edgesOf(file: string, text: string): Edge[] {
  return [...text.matchAll(importPattern)].map((m) => {
    const spec = (m[3] ?? m[4] ?? m[5])!;
    const to = spec.startsWith('.') ? normalize(join(dirname(file), spec)).split('\\').join('/') : spec;
    return { from: file, to, typeOnly: m[2] !== undefined };
  });
}

const familyOf = (path: string): string | null => /^adapters\/([^/]+)\//.exec(path)?.[1] ?? null;
const roleOf = (path: string): string | null => /^roles\/([^/.]+)(?:\.role\.ts$|\/)/.exec(path)?.[1] ?? /^roles\/([^/]+)\.ts$/.exec(path)?.[1] ?? null;
const sharedFamilies = new Set(['events', 'metrics']);
const appBuiltins = new Set(['node:crypto', 'node:util']);

export function layerViolations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const what = `${e.from} imports ${e.to}`;
    if (e.from.startsWith('app/')) {
      const ok = e.to.startsWith('core/') || e.to.startsWith('app/') || appBuiltins.has(e.to) || (e.to === 'config.ts' && e.typeOnly);
      if (!ok) out.push(`${what} (app imports core and app only)`);
    }
    const family = familyOf(e.from);
    if (family !== null) {
      const target = familyOf(e.to);
      if (target !== null && target !== family && !sharedFamilies.has(target)) out.push(`${what} (an adapter family imports no other)`);
      if (e.to.startsWith('roles/') || e.to === 'main.ts' || e.to === 'cli.ts') out.push(`${what} (adapters import no role)`);
    }
    const role = roleOf(e.from);
    const targetRole = roleOf(e.to);
    if (role !== null && targetRole !== null && targetRole !== role) out.push(`${what} (a role imports no other role)`);
  }
  return out;
}

function sourceEdges(): Edge[] {
  return readdirSync(srcDir, { recursive: true }).map(String).map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('gen/'))
    .flatMap((f) => edgesOf(f, readFileSync(join(srcDir, f), 'utf8')));
}

describe('layer rules', () => {
  it('hold for every import in src/', () => {
    const edges = sourceEdges();
    expect(edges.length).toBeGreaterThan(200);
    expect(layerViolations(edges)).toEqual([]);
  });

  it.each([
    ['app/x.service.ts', "import { Redis } from 'ioredis';"],
    ['app/x.service.ts', "import { CatalogRepo } from '../adapters/postgres/catalog.repo.ts';"],
    ['app/x.service.ts', "import { loadConfig } from '../config.ts';"],
    ['adapters/http/routes/x.route.ts', "import { LedgerRepo } from '../../postgres/ledger.repo.ts';"],
    ['adapters/redis/x.ts', "import { Projector } from '../../roles/projector.role.ts';"],
    ['roles/relay/x.ts', "import { Projector } from '../projector.role.ts';"],
    ['roles/fanout.role.ts', "import { WatermarkGate } from './projector/watermarks.ts';"],
  ])('the rules reject %s: %s', (file, line) => {
    expect(layerViolations(edgesOf(file, `${line}\n`))).toHaveLength(1);
  });

  it.each([
    ['app/x.service.ts', "import type { Limits } from '../config.ts';"],
    ['app/x.service.ts', "import { createHash } from 'node:crypto';"],
    ['adapters/postgres/x.repo.ts', "import { decodeEnvelope } from '../events/envelope.codec.ts';"],
    ['roles/projector/x.ts', "import { Projector } from '../projector.role.ts';"],
    ['roles/relay/relay.role.ts', "import { RelayOptions } from './relay.options.ts';"],
  ])('the rules accept %s: %s', (file, line) => {
    expect(layerViolations(edgesOf(file, `${line}\n`))).toEqual([]);
  });

  it('sees the whole tree (relative paths resolve inside src/)', () => {
    const outside = sourceEdges().filter((e) => e.to.startsWith('../'));
    expect(outside.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});
