// The AES-256 key channel webhook secrets are encrypted with: PALLET_SECRETS_KEY,
// or a key generated once into <data dir>/channel-secrets.key (mode 0600).
// Creation is atomic (written to a temporary file, then hard-linked into
// place, which fails if another process got there first), so every process
// of one data dir (API workers started together) ends up with the same key.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fileName = 'channel-secrets.key';

export function channelSecretsKey(keyHex: string | null, dataDir: string): Buffer {
  if (keyHex !== null) return Buffer.from(keyHex, 'hex');
  const path = join(dataDir, fileName);
  try {
    return parse(readFileSync(path, 'utf8'), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temporary);
  }
  return parse(readFileSync(path, 'utf8'), path);
}

function parse(text: string, path: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${path}: not a 64-hex-character key; remove it to generate a new one (channel secrets stored with the old key then need to be set again)`);
  return Buffer.from(hex, 'hex');
}
