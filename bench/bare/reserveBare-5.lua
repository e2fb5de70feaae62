-- reserveBare-5.lua — the bare reservation of bench/bare/ (the calibration of
-- the box, bench/README.md): one single-line reservation, atomically, with
-- the minimum a reserve path must do and nothing of Pallet's bookkeeping.
--
-- KEYS[1] idempotency key  <prefix>:{b}:idem:<Idempotency-Key>  string: the stored answer
-- KEYS[2] stock cell       <prefix>:{b}:cell:<warehouse>:<sku>  hash onHand, reserved
-- KEYS[3] reservation      <prefix>:{b}:res:<id>                hash
-- KEYS[4] expiry index     <prefix>:{b}:expiry                  zset id → expiresAt (ms)
-- KEYS[5] outbox           <prefix>:{b}:outbox                  stream
-- ARGV[1] reservation id (server-made UUID)
-- ARGV[2] sku   ARGV[3] qty (integer ≥ 1)   ARGV[4] warehouse
-- ARGV[5] expiresAt (ms since epoch)
-- ARGV[6] idempotency TTL (s)   ARGV[7] outbox MAXLEN (approximate)
-- ARGV[8] the answer to store under the idempotency key (JSON, built by the server)
--
-- Returns {0, answer}     reserved
--         {1, answer}     replay: the idempotency key was seen; its stored answer
--         {2, available}  STOCK_INSUFFICIENT (nothing written but nothing else either)
--         {3, ''}         SKU_UNKNOWN: no such cell
--
-- Redis commands per reservation: GET, HMGET, HINCRBY, HSET, ZADD, XADD, SET = 7.
-- Emits one outbox entry: type reserved, id, sku, qty, warehouse.

local stored = redis.call('GET', KEYS[1])
if stored then return {1, stored} end

local qty = tonumber(ARGV[3])
local cell = redis.call('HMGET', KEYS[2], 'onHand', 'reserved')
if not cell[1] then return {3, ''} end
local available = tonumber(cell[1]) - tonumber(cell[2] or '0')
if available < qty then return {2, tostring(available)} end

redis.call('HINCRBY', KEYS[2], 'reserved', qty)
redis.call('HSET', KEYS[3], 'sku', ARGV[2], 'qty', qty, 'warehouse', ARGV[4], 'status', 'held', 'expiresAt', ARGV[5])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[7], '*', 'type', 'reserved', 'id', ARGV[1], 'sku', ARGV[2], 'qty', qty, 'warehouse', ARGV[4])
redis.call('SET', KEYS[1], ARGV[8], 'EX', ARGV[6])
return {0, ARGV[8]}
