// Seeds the demo tenant when it is absent and keeps its API keys in
// .data/demo-keys.json (keys are stored hashed, so this file is the only copy).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Runtime } from '../main.ts';
import { demoLevel, demoSkus, demoTenant, demoWarehouses } from './demo.data.ts';

export interface DemoKeys {
  readonly tenant: string;
  readonly admin: string;
  readonly checkout: string;
  readonly read: string;
}

export async function seedDemo(rt: Runtime, keysFile: string): Promise<{ created: boolean; keys: DemoKeys }> {
  const { deps, store } = rt;
  const { created } = await store.createTenant(demoTenant.id, demoTenant.name);
  if (created) {
    for (const w of demoWarehouses) await mustOk(deps.catalogs.putWarehouse(demoTenant.id, w), `warehouse ${w.id}`);
    for (const s of demoSkus) await mustOk(deps.catalogs.putSku(demoTenant.id, s), `sku ${s.sku}`);
    for (const w of demoWarehouses) {
      for (const s of demoSkus.filter((x) => x.components.length === 0)) {
        const level = demoLevel(w.id, s.sku);
        await mustOk(deps.stock.set(demoTenant.id, w.id, s.sku, { ...level, reason: 'demo seed' }), `stock ${w.id}/${s.sku}`);
      }
    }
  }
  const known = readKeys(keysFile);
  if (known !== null && !created && (await store.findApiKey(known.checkout)) !== null) return { created, keys: known };
  const make = async (scope: 'admin' | 'checkout' | 'read'): Promise<string> => {
    const k = await store.createApiKey(demoTenant.id, [scope], `demo ${scope}`);
    if (k === null) throw new Error('demo tenant vanished while seeding');
    return k.key;
  };
  const keys: DemoKeys = { tenant: demoTenant.id, admin: await make('admin'), checkout: await make('checkout'), read: await make('read') };
  mkdirSync(dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return { created, keys };
}

function readKeys(file: string): DemoKeys | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoKeys;
  } catch {
    return null;
  }
}

async function mustOk(p: Promise<{ ok: boolean; error?: { detail: string } }>, what: string): Promise<void> {
  const r = await p;
  if (!r.ok) throw new Error(`demo seed failed at ${what}: ${r.error?.detail}`);
}
