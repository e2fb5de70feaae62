// Integer settings of the benchmark's own server processes (bench/bare, bench/pg-baseline), read from the environment.

/** `name` as an integer in min..max, or `fallback` when unset; a bad value throws naming it. */
export function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new Error(`${name}=${raw}: must be an integer in ${min}..${max}`);
  return value;
}
