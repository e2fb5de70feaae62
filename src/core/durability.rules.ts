// Whether a 2xx is durable, judged from the persistence settings Redis and
// PostgreSQL report. Pure: the adapters read the settings (CONFIG GET, SHOW),
// these rules say what they mean. See the durability chain in DESIGN.md.
//
// Redis is durable when `appendonly yes` and `appendfsync` is `always` (every
// acknowledged write is on disk) or `everysec` (survives a Redis crash; a power
// loss can lose up to ~1 s, reported as a note). `appendfsync no` leaves the
// flush to the OS (~30 s on Linux): not durable. PostgreSQL is durable when
// `fsync` is on and `synchronous_commit` is anything but `off` (every other
// value waits for the local WAL flush). A setting that could not be read is
// unknown, and unknown is not durable: nothing vouches for the 2xx.

/** A setting's value as the server reported it; null when it could not be read. */
export type SettingValue = string | null;

export interface RedisPersistence {
  readonly appendonly: SettingValue;
  readonly appendfsync: SettingValue;
  /** Why the settings could not be read (CONFIG renamed or refused), when they could not. */
  readonly unknownReason?: string;
}

export interface PostgresPersistence {
  readonly fsync: SettingValue;
  readonly synchronousCommit: SettingValue;
  readonly unknownReason?: string;
}

export interface DurabilityVerdict {
  readonly store: 'redis' | 'postgres';
  readonly durable: boolean;
  /** One line per setting that makes a 2xx not durable: `<store> <setting>=<value>: <what it means>`. */
  readonly problems: readonly string[];
  /** Durable, with a caveat worth logging (everysec). */
  readonly notes: readonly string[];
  /** The settings as metric labels (`unknown` for a value not read). */
  readonly labels: Readonly<Record<string, string>>;
}

const shown = (v: SettingValue): string => v ?? 'unknown';
const unknownLine = (store: string, names: string, reason: string | undefined): string =>
  `${store} ${names}=unknown: could not be read (${reason ?? 'no answer'}); nothing vouches that a 2xx survives a restart`;

export function judgeRedis(s: RedisPersistence): DurabilityVerdict {
  const labels = { appendonly: shown(s.appendonly), appendfsync: shown(s.appendfsync) };
  const problems: string[] = [];
  const notes: string[] = [];
  const appendonly = s.appendonly?.toLowerCase() ?? null;
  const appendfsync = s.appendfsync?.toLowerCase() ?? null;
  if (appendonly === null || (appendonly === 'yes' && appendfsync === null)) {
    problems.push(unknownLine('redis', appendonly === null ? 'appendonly' : 'appendfsync', s.unknownReason));
  } else if (appendonly !== 'yes') {
    problems.push(`redis appendonly=${s.appendonly}: no append-only file, writes live in memory only; `
      + 'a Redis restart loses every reservation, stock change and outbox entry since the last snapshot, so a 2xx is not durable');
  } else if (appendfsync === 'everysec') {
    notes.push('redis appendfsync=everysec: survives a Redis crash; a power loss can lose up to ~1 s of acknowledged writes');
  } else if (appendfsync !== 'always') {
    problems.push(`redis appendfsync=${s.appendfsync}: the OS flushes the append-only file when it likes (~30 s); `
      + 'a power loss or OS crash can lose acknowledged writes, so a 2xx is not durable');
  }
  return { store: 'redis', durable: problems.length === 0, problems, notes, labels };
}

export function judgePostgres(s: PostgresPersistence): DurabilityVerdict {
  const labels = { fsync: shown(s.fsync), synchronous_commit: shown(s.synchronousCommit) };
  const problems: string[] = [];
  const fsync = s.fsync?.toLowerCase() ?? null;
  const syncCommit = s.synchronousCommit?.toLowerCase() ?? null;
  if (fsync === null) problems.push(unknownLine('postgres', 'fsync', s.unknownReason));
  else if (fsync !== 'on') {
    problems.push(`postgres fsync=${s.fsync}: PostgreSQL never forces writes to disk; `
      + 'a power loss or OS crash can lose committed transactions or corrupt the database');
  }
  if (syncCommit === null) problems.push(unknownLine('postgres', 'synchronous_commit', s.unknownReason));
  else if (syncCommit === 'off') {
    problems.push(`postgres synchronous_commit=${s.synchronousCommit}: a commit is acknowledged before its WAL is on disk; `
      + 'a crash can lose the last transactions (up to 3 × wal_writer_delay) the projector and the catalog saw committed');
  }
  return { store: 'postgres', durable: problems.length === 0, problems, notes: [], labels };
}

/** The message of a process that refuses to serve: every non-durable setting, one per line. */
export function refusalMessage(verdicts: readonly DurabilityVerdict[]): string {
  const problems = verdicts.flatMap((v) => v.problems);
  return `PALLET_REQUIRE_DURABLE=1 and a 2xx would not be durable:\n  ${problems.join('\n  ')}\n`
    + 'fix these settings (README, Durability), or set PALLET_REQUIRE_DURABLE=0 to serve anyway';
}
