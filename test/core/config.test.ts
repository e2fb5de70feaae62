import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('has documented defaults and is frozen', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ httpPort: 3000, wsPort: 3001, namespace: 'pallet', adminKey: null });
    expect(c.limits).toMatchObject({ bodyBytesMax: 65_536, linesPerReservationMax: 100, qtyMax: 100_000, idLengthMax: 64, ttlSecondsDefault: 900, ttlSecondsMax: 86_400 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.limits)).toBe(true);
  });

  it('reads values from the environment', () => {
    const c = loadConfig({ PALLET_HTTP_PORT: '8080', PALLET_NAMESPACE: 'shop_2', PALLET_QTY_MAX: '10', PALLET_ADMIN_KEY: 'operator-key-0123456789' });
    expect(c.httpPort).toBe(8080);
    expect(c.namespace).toBe('shop_2');
    expect(c.limits.qtyMax).toBe(10);
    expect(c.adminKey).toBe('operator-key-0123456789');
  });

  it('reports every bad value at once, naming each variable', () => {
    let err: unknown;
    try {
      loadConfig({ PALLET_HTTP_PORT: '70000', PALLET_NAMESPACE: 'Bad-NS', REDIS_URL: 'http://x', PALLET_QTY_MAX: '1.5', PALLET_ADMIN_KEY: 'short' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PALLET_HTTP_PORT', 'PALLET_NAMESPACE', 'REDIS_URL', 'PALLET_QTY_MAX', 'PALLET_ADMIN_KEY']) expect(problems).toContain(name);
  });

  it('logs requests unless PALLET_LOG_REQUESTS turns it off, and refuses other values', () => {
    expect(loadConfig({}).logRequests).toBe(true);
    for (const on of ['true', '1', 'yes', 'ON']) expect(loadConfig({ PALLET_LOG_REQUESTS: on }).logRequests, on).toBe(true);
    for (const off of ['false', '0', 'no', 'Off']) expect(loadConfig({ PALLET_LOG_REQUESTS: off }).logRequests, off).toBe(false);
    expect(() => loadConfig({ PALLET_LOG_REQUESTS: 'sometimes' })).toThrow(/PALLET_LOG_REQUESTS/);
  });

  it('does not require durable storage unless PALLET_REQUIRE_DURABLE=1, and refuses other values', () => {
    expect(loadConfig({}).requireDurable).toBe(false);
    expect(loadConfig({ PALLET_REQUIRE_DURABLE: '0' }).requireDurable).toBe(false);
    expect(loadConfig({ PALLET_REQUIRE_DURABLE: '1' }).requireDurable).toBe(true);
    for (const bad of ['yes', 'true', '2']) expect(() => loadConfig({ PALLET_REQUIRE_DURABLE: bad }), bad).toThrow(/PALLET_REQUIRE_DURABLE/);
  });

  it('refuses a default TTL above the maximum', () => {
    expect(() => loadConfig({ PALLET_TTL_SECONDS_DEFAULT: '100', PALLET_TTL_SECONDS_MAX: '50' })).toThrow(/PALLET_TTL_SECONDS_DEFAULT/);
  });
});
