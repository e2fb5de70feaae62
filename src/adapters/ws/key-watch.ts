// Which API keys behind dashboard tokens are still live (not revoked), for the
// fanout: checked at the upgrade (from a check at most checkMs old, else
// PostgreSQL) and, for the keys of open connections, every checkMs by the
// fanout's timer (recheck). One lookup per key at a time; answers are kept
// for at most entriesMax keys (oldest dropped first). Only keys named by a
// validly signed token ever get here, so clients cannot fill it with junk.
import type { KeyStatus } from '../../app/board.port.ts';

interface Checked {
  /** The key's tenant when live; null when revoked or unknown. */
  readonly tenant: string | null;
  readonly atMs: number;
}

export class KeyWatch {
  private readonly checked = new Map<string, Checked>();
  private readonly loading = new Map<string, Promise<Checked>>();

  constructor(
    private readonly status: KeyStatus,
    private readonly checkMs: number,
    private readonly entriesMax: number,
    private readonly nowMs: () => number,
  ) {
    if (!(Number.isSafeInteger(entriesMax) && entriesMax >= 1)) throw new Error('key watch entriesMax must be a positive integer');
  }

  /** Whether `keyId` is a live key of `tenant`. Rejects when PostgreSQL cannot tell. */
  async isLive(tenant: string, keyId: string): Promise<boolean> {
    const hit = this.checked.get(keyId);
    const c = hit !== undefined && this.nowMs() - hit.atMs < this.checkMs ? hit : await this.load(keyId);
    return c.tenant === tenant;
  }

  /**
   * Checks every key of `keys` (key id → the tenant its connections belong to) now;
   * answers the ids that are not live keys of that tenant. Rejects when PostgreSQL cannot tell.
   */
  async recheck(keys: ReadonlyMap<string, string>): Promise<Set<string>> {
    const live = await this.status.liveKeys([...keys.keys()]);
    const atMs = this.nowMs();
    const dead = new Set<string>();
    for (const [keyId, tenant] of keys) {
      const liveTenant = live.get(keyId) ?? null;
      this.remember(keyId, { tenant: liveTenant, atMs });
      if (liveTenant !== tenant) dead.add(keyId);
    }
    return dead;
  }

  private load(keyId: string): Promise<Checked> {
    let p = this.loading.get(keyId);
    if (p === undefined) {
      p = this.status.liveKeys([keyId]).then((live) => {
        const c: Checked = { tenant: live.get(keyId) ?? null, atMs: this.nowMs() };
        this.remember(keyId, c);
        return c;
      }).finally(() => this.loading.delete(keyId));
      this.loading.set(keyId, p);
    }
    return p;
  }

  private remember(keyId: string, c: Checked): void {
    this.checked.delete(keyId);
    if (this.checked.size >= this.entriesMax) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(keyId, c);
  }
}
