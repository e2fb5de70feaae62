// Revocation: every connection remembers the API key its token was issued
// for; every keyCheckMs the keys of open connections are checked (KeyWatch,
// PostgreSQL) and the connections of a revoked key are closed with 4003.
import type { Log } from '../../app/log.port.ts';
import type { Conn, FanoutCounters } from './connection.ts';
import type { KeyWatch } from './key-watch.ts';
import type { FanoutMetrics } from './ws.metrics.ts';
import { CloseCode } from './ws.options.ts';

export interface RevocationDeps {
  readonly keyWatch: KeyWatch;
  readonly counters: FanoutCounters;
  readonly metrics: FanoutMetrics | null;
  readonly log: Log;
  readonly unexpected: (where: string, err: unknown) => void;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class Revocations {
  /** Open connections by the API key their token was issued for. */
  private readonly byKey = new Map<string, Set<Conn>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: RevocationDeps, private readonly keyCheckMs: number) {}

  add(conn: Conn): void {
    let sameKey = this.byKey.get(conn.keyId);
    if (sameKey === undefined) this.byKey.set(conn.keyId, (sameKey = new Set()));
    sameKey.add(conn);
  }

  remove(conn: Conn): void {
    const sameKey = this.byKey.get(conn.keyId);
    sameKey?.delete(conn);
    if (sameKey?.size === 0) this.byKey.delete(conn.keyId);
  }

  /** Checks every keyCheckMs from now on (until stop()). */
  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.check().catch((err: unknown) => this.deps.unexpected('key_check', err)).finally(() => this.schedule());
    }, this.keyCheckMs);
    this.timer.unref();
  }

  /** Closes (4003) the connections whose token came from a key that is no longer live. */
  private async check(): Promise<void> {
    if (this.byKey.size === 0) return;
    const keys = new Map<string, string>();
    for (const [keyId, conns] of this.byKey) for (const c of conns) keys.set(keyId, c.tenant);
    let dead: Set<string>;
    try {
      dead = await this.deps.keyWatch.recheck(keys);
    } catch (err) {
      // PostgreSQL down: open boards stay (new ones get 503 until it is back); the next round checks again.
      this.deps.log.warn({ err: errorText(err), keys: keys.size }, 'dashboard key check failed; retrying next round');
      return;
    }
    for (const keyId of dead) {
      for (const conn of [...(this.byKey.get(keyId) ?? [])]) this.closeRevoked(conn);
    }
  }

  private closeRevoked(conn: Conn): void {
    const ws = conn.ws;
    if (ws === null) return;
    this.deps.counters.closedRevoked++;
    this.deps.metrics?.closed.inc({ reason: 'key_revoked' });
    this.deps.log.info({ tenant: conn.tenant, keyId: conn.keyId, conn: conn.id }, 'dashboard connection closed: its API key was revoked');
    ws.end(CloseCode.KEY_REVOKED, 'key revoked');
  }
}
