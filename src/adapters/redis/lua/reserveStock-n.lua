--[[ reserveStock-n.lua — reserve every component of a cart in one atomic step, or nothing.
KEYS[1] outbox stream          KEYS[2] expiry index (zset: reservation id -> expires at ms)
KEYS[3] catalog version        KEYS[4] idempotency key      KEYS[5] reservation hash
KEYS[6..] stock cells, warehouse-major: cell (warehouse i, component j) = KEYS[5 + (i-1)*C + j]
ARGV[1] reservation id   ARGV[2] now ms   ARGV[3] expires at ms   ARGV[4] catalog version the caller used
ARGV[5] request fingerprint   ARGV[6] idempotency ttl s   ARGV[7] outbox length max   ARGV[8] allow split 0|1
ARGV[9] W warehouses   ARGV[10] C components   ARGV[11..10+W] warehouse ids in rank order
ARGV[11+W..] C pairs: component sku, qty
Warehouse choice: the first warehouse in rank order that holds the whole cart; with allow split and no
such warehouse, each component is taken greedily along the ranking.
Returns:
  {0, n, wh, sku, qty, ...}                     reserved; n allocations
  {1, reservation id}                           replay: same idempotency key and fingerprint
  {-2}                                          idempotency key used with another request
  {-3, version}                                 the catalog changed (caller reloads and retries)
  {-4}                                          outbox full
  {-5, split, C, sku, requested, available...}  stock insufficient; available = best single warehouse,
                                                or the sum over warehouses when split
  {-11}                                         a cell key is not the cell of its warehouse and sku
  {-14, message}                                bad argument (programmer error): counts, a qty that is not
                                                a positive integer, a warehouse or sku listed twice
The reservation id is a server-made UUID (never a client's): the script does not look for an existing one.
Redis commands per single-line reservation in one warehouse (the hot path): GET idempotency, GET catalog
version, XLEN, HMGET cell, HSET cell, HSET reservation, ZADD expiry, SET idempotency, XADD = 9 (before
issue 9: 10, with an EXISTS on the reservation key; a cart of C lines in the first warehouse that holds it
reads C cells, not W × C).
Emits: reserved {res, exp, cells: [[wh, sku, dOnHand, dReserved, dCommitted, onHand, reserved, committed, v]...]}
]]
--! include common

local resId, nowMs, expMs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local fingerprint, split = ARGV[5], ARGV[8] == '1'
local W, C = tonumber(ARGV[9]), tonumber(ARGV[10])
if not (nowMs and expMs and W and C) or W < 1 or C < 1 or #KEYS ~= 5 + W * C or #ARGV ~= 10 + W + 2 * C then
  return { E_BAD_ARG, 'argument counts do not match' }
end

-- Every argument is checked before anything is read or written: a warehouse or sku listed
-- twice would read one cell twice and reserve it twice over; a cell key must be the cell
-- its allocation will name, or later transitions would move other counters.
local whs, skus, qtys, seen = {}, {}, {}, {}
for i = 1, W do
  whs[i] = ARGV[10 + i]
  if seen['w:' .. whs[i]] then return { E_BAD_ARG, 'warehouse listed twice' } end
  seen['w:' .. whs[i]] = true
end
for j = 1, C do
  skus[j] = ARGV[10 + W + 2 * j - 1]
  qtys[j] = tonumber(ARGV[10 + W + 2 * j])
  if not qtys[j] or qtys[j] < 1 or qtys[j] % 1 ~= 0 then return { E_BAD_ARG, 'bad qty' } end
  if seen['s:' .. skus[j]] then return { E_BAD_ARG, 'sku listed twice' } end
  seen['s:' .. skus[j]] = true
end
local prefix = prefixOf(KEYS[5], resId)
for i = 1, W do
  for j = 1, C do
    if KEYS[5 + (i - 1) * C + j] ~= prefix .. 'c:' .. whs[i] .. ':' .. skus[j] then return { E_KEYS_MISMATCH } end
  end
end

local idem = redis.call('GET', KEYS[4])
if idem then
  local sep = string.find(idem, '|', 1, true)
  if string.sub(idem, 1, sep - 1) == fingerprint then return { ALREADY, string.sub(idem, sep + 1) } end
  return { E_IDEMPOTENCY_REUSED }
end
local known = tonumber(redis.call('GET', KEYS[3]) or '0')
if known > tonumber(ARGV[4]) then return { E_CATALOG_STALE, known } end
if outboxFull(KEYS[1], tonumber(ARGV[7])) then return { E_OUTBOX_FULL } end

-- cells[i][j] and avail[i][j]: warehouse i, component j. Read lazily, warehouse by warehouse in
-- rank order: the first warehouse that holds the whole cart ends the reads (one HMGET per
-- component in the common case); every cell is read only to split or to refuse.
local cells, avail = {}, {}
local function readWarehouse(i)
  if cells[i] then return end
  cells[i], avail[i] = {}, {}
  for j = 1, C do
    local c = readCell(KEYS[5 + (i - 1) * C + j])
    cells[i][j] = c
    avail[i][j] = c.onHand - c.reserved - c.committed
  end
end

-- take[i][j]: units of component j taken from warehouse i
local take, whole = {}, nil
for i = 1, W do
  readWarehouse(i)
  local fits = true
  for j = 1, C do if avail[i][j] < qtys[j] then fits = false break end end
  if fits then whole = i break end
end
if whole then
  take[whole] = {}
  for j = 1, C do take[whole][j] = qtys[j] end
elseif split then
  local short = false
  for j = 1, C do
    local left = qtys[j]
    for i = 1, W do
      if left == 0 then break end
      local n = math.min(left, math.max(avail[i][j], 0))
      if n > 0 then take[i] = take[i] or {}; take[i][j] = n; left = left - n end
    end
    if left > 0 then short = true end
  end
  if short then take = nil end
else
  take = nil
end

if not take then
  local out = { E_INSUFFICIENT, split and 1 or 0, C }
  for j = 1, C do
    local best = 0
    for i = 1, W do
      local a = math.max(avail[i][j], 0)
      if split then best = best + a elseif a > best then best = a end
    end
    out[#out + 1] = skus[j]; out[#out + 1] = qtys[j]; out[#out + 1] = best
  end
  return out
end

local allocs, evCells, reply = {}, {}, { OK, 0 }
for i = 1, W do
  if take[i] then
    for j = 1, C do
      local q = take[i][j]
      if q then
        local wh = whs[i]
        allocs[#allocs + 1] = { wh, skus[j], q }
        evCells[#evCells + 1] = applyCell(KEYS[5 + (i - 1) * C + j], wh, skus[j], cells[i][j], 0, q, 0)
        reply[#reply + 1] = wh; reply[#reply + 1] = skus[j]; reply[#reply + 1] = q
      end
    end
  end
end
reply[2] = #allocs

redis.call('HSET', KEYS[5], 'st', 'held', 'ts', nowMs, 'exp', expMs, 'alloc', encodeAllocs(allocs))
redis.call('ZADD', KEYS[2], expMs, resId)
redis.call('SET', KEYS[4], fingerprint .. '|' .. resId, 'EX', tonumber(ARGV[6]))
emit(KEYS[1], resId .. ':reserved', 'reserved', resId, nowMs, { res = resId, exp = expMs, cells = evCells })
return reply
