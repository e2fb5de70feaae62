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

  it('takes NATS_URL as one server or a comma list of cluster servers, each checked, every problem named', () => {
    expect(loadConfig({}).natsUrl).toBe('nats://127.0.0.1:4222');
    const list = 'nats://127.0.0.1:4301, nats://127.0.0.1:4302,nats://127.0.0.1:4303';
    expect(loadConfig({ NATS_URL: list }).natsUrl).toBe(list);
    expect(loadConfig({ NATS_URL: 'nats://u:p@a:4222,nats://u:p@b:4222' }).natsUrl).toContain('b:4222');
    const problems = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problems({ NATS_URL: 'nats://a:4222,,nats://b:4222' })).toMatch(/NATS_URL=.*an empty entry/);
    expect(problems({ NATS_URL: 'nats://a:4222,http://b:4222' })).toMatch(/NATS_URL entry "http:\/\/b:4222": protocol must be one of nats:, tls:/);
    expect(problems({ NATS_URL: 'nats://a:4222,not a url' })).toMatch(/NATS_URL entry "not a url": not a valid URL/);
    expect(problems({ NATS_URL: 'nats://a:4222,nats://a' })).toMatch(/server a:4222 is listed twice/);
    expect(problems({ NATS_URL: 'nats://u:p@a:4222,nats://v:q@b:4222' })).toMatch(/NATS_URL: entries carry different credentials/);
    // Both bad entries of one list are reported at once.
    const two = problems({ NATS_URL: 'redis://a:1,nats://b:2,ftp://c:3' });
    expect(two).toContain('"redis://a:1"');
    expect(two).toContain('"ftp://c:3"');
    expect(two).not.toContain('"nats://b:2"');
  });

  it('gives every JetStream stream and consumer PALLET_EVENTS_REPLICAS (1 to 5)', () => {
    expect(loadConfig({}).events.replicas).toBe(1);
    expect(loadConfig({ PALLET_EVENTS_REPLICAS: '3' }).events.replicas).toBe(3);
    for (const bad of ['0', '6', 'three']) expect(() => loadConfig({ PALLET_EVENTS_REPLICAS: bad }), bad).toThrow(/PALLET_EVENTS_REPLICAS/);
  });

  it('refuses a default TTL above the maximum', () => {
    expect(() => loadConfig({ PALLET_TTL_SECONDS_DEFAULT: '100', PALLET_TTL_SECONDS_MAX: '50' })).toThrow(/PALLET_TTL_SECONDS_DEFAULT/);
  });
  describe('Redis Cluster', () => {
    it('stays on one server by default and for one URL', () => {
      expect(loadConfig({}).redisCluster).toBeNull();
      expect(loadConfig({ REDIS_URL: 'redis://10.0.0.1:6380/2' })).toMatchObject({ redisUrl: 'redis://10.0.0.1:6380/2', redisCluster: null });
    });

    it('is cluster mode for several seeds or REDIS_CLUSTER=1, with explicit client options', () => {
      const c = loadConfig({ REDIS_URL: 'redis://127.0.0.1:7001, redis://127.0.0.1:7002' }).redisCluster;
      expect(c).toMatchObject({
        seeds: ['redis://127.0.0.1:7001', 'redis://127.0.0.1:7002'], slotsRefreshTimeoutMs: 2_000, slotsRefreshIntervalMs: 5_000,
        maxRedirections: 16, retryDelayOnMovedMs: 0, retryDelayOnClusterDownMs: 200, retryDelayOnTryAgainMs: 100, waitReplicas: 0,
      });
      expect(Object.isFrozen(c)).toBe(true);
      expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:7001', REDIS_CLUSTER: '1' }).redisCluster?.seeds).toEqual(['redis://127.0.0.1:7001']);
      expect(loadConfig({ REDIS_URL: 'redis://h:7001,redis://h:7002', REDIS_CLUSTER: '1', PALLET_REDIS_WAIT_REPLICAS: '1', PALLET_REDIS_MAX_REDIRECTIONS: '4' }).redisCluster)
        .toMatchObject({ waitReplicas: 1, waitTimeoutMs: 100, maxRedirections: 4 });
    });

    it.each([
      [{ REDIS_URL: 'redis://h:7001,' }, /REDIS_URL.*empty entry/],
      [{ REDIS_URL: 'redis://h:7001,http://h:7002' }, /REDIS_URL entry "http:\/\/h:7002": protocol/],
      [{ REDIS_URL: 'redis://h:7001,not a url' }, /REDIS_URL entry "not a url": not a valid URL/],
      [{ REDIS_URL: 'redis://h:7001,redis://h:7001' }, /listed twice/],
      [{ REDIS_URL: 'redis://h:7001,rediss://h:7002' }, /mix redis: and rediss:/],
      [{ REDIS_URL: 'redis://h:7001/3,redis://h:7002' }, /only database 0/],
      [{ REDIS_URL: 'redis://h:7001,redis://h:7002', REDIS_CLUSTER: '0' }, /REDIS_CLUSTER=0/],
      [{ REDIS_CLUSTER: 'yes' }, /REDIS_CLUSTER="yes": must be 0/],
      [{ PALLET_REDIS_WAIT_REPLICAS: '1' }, /PALLET_REDIS_WAIT_REPLICAS=1: only in Redis Cluster mode/],
      [{ REDIS_URL: 'redis://h:1,redis://h:2', PALLET_REDIS_SLOTS_REFRESH_TIMEOUT_MS: '5' }, /PALLET_REDIS_SLOTS_REFRESH_TIMEOUT_MS=5/],
    ])('refuses %j with a clear problem', (env, problem) => {
      expect(() => loadConfig(env)).toThrow(problem);
    });
  });
});
