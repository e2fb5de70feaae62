// `pallet keys list|revoke`: API keys from the command line (the operator's
// tool; the HTTP API has the same under /v1/tenants/{id}/keys).
import { parseArgs } from 'node:util';
import type { ApiKeyInfo, CatalogStore } from './catalog.port.ts';
import type { Output } from './command.port.ts';

export const keysUsage = `usage: pallet keys list --tenant <id> [--json]
       pallet keys revoke --tenant <id> --key <keyId>

list    the tenant's API keys, revoked ones included: id, scopes (a channel key's channel in
        parentheses), label, created, revoked
        (never the keys themselves: only their hashes are stored)
revoke  revokes the key. Running servers refuse it within PALLET_AUTH_CACHE_TTL_MS (their key
        cache); DELETE /v1/tenants/{id}/keys/{keyId} also refuses it at once in the process that
        answers. Revoking a revoked key changes nothing and prints when it was revoked.
Exit status: 0 done, 1 no such tenant or key, 2 usage.`;

type KeyStore = Pick<CatalogStore, 'getTenant' | 'listApiKeys' | 'revokeApiKey'>;

/** Keys read per query when listing. */
const listPageMax = 500;

/** `pallet keys <list|revoke> …`; returns the exit status. */
export async function runKeysCommand(store: KeyStore, argv: readonly string[], out: Output = console): Promise<number> {
  const [verb, ...rest] = argv;
  let args;
  try {
    args = parseArgs({
      args: rest, strict: true, allowPositionals: false,
      options: { tenant: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (err) {
    out.error(`pallet keys: ${(err as Error).message}\n\n${keysUsage}`);
    return 2;
  }
  if (args.help === true || verb === 'help' || verb === '--help' || verb === '-h') {
    out.log(keysUsage);
    return 0;
  }
  const tenant = args.tenant;
  if ((verb !== 'list' && verb !== 'revoke') || tenant === undefined || (verb === 'revoke' && args.key === undefined)) {
    out.error(`pallet keys: ${verb === 'list' || verb === 'revoke' ? 'missing --tenant or --key' : `unknown subcommand ${JSON.stringify(verb ?? '')}`}\n\n${keysUsage}`);
    return 2;
  }
  if (verb === 'list') return listKeys(store, tenant, args.json === true, out);
  const revoked = await store.revokeApiKey(tenant, args.key!);
  if (revoked === null) {
    out.error(`pallet keys: tenant ${tenant} has no key ${args.key}`);
    return 1;
  }
  out.log(`key ${revoked.id} of tenant ${tenant} revoked at ${revoked.revokedAt.toISOString()}`);
  return 0;
}

async function listKeys(store: KeyStore, tenant: string, json: boolean, out: Output): Promise<number> {
  if ((await store.getTenant(tenant)) === null) {
    out.error(`pallet keys: no tenant ${tenant}`);
    return 1;
  }
  const keys: ApiKeyInfo[] = [];
  for (let page = await store.listApiKeys(tenant, listPageMax); page.length > 0;) {
    keys.push(...page);
    page = page.length < listPageMax ? [] : await store.listApiKeys(tenant, listPageMax, page[page.length - 1]!.id);
  }
  if (json) {
    out.log(JSON.stringify(keys.map((k) => ({ ...k, createdAt: k.createdAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null }))));
    return 0;
  }
  out.log(`${keys.length} key(s) of tenant ${tenant}`);
  for (const k of keys) {
    const state = k.revokedAt === null ? 'live' : `revoked ${k.revokedAt.toISOString()}`;
    const scopes = k.channel === undefined ? k.scopes.join(',') : `${k.scopes.join(',')}(${k.channel})`;
    out.log(`  ${k.id}  ${scopes}  ${state}  created ${k.createdAt?.toISOString() ?? '-'}  ${JSON.stringify(k.label ?? '')}`);
  }
  return 0;
}
