-- Shared helpers, inlined by the loader where a script says `--! include common`.
-- Return codes, mirrored in scripts.ts (Code: E_X is Code.X; LeaseCode: LEASE_X and E_LEASE_X are
-- LeaseCode.X). Every number has one meaning; test/lua/codes.test.ts checks both, and that no
-- script returns a bare number where a name exists.
local OK, ALREADY = 0, 1
local E_NOT_FOUND, E_IDEMPOTENCY_REUSED, E_CATALOG_STALE, E_OUTBOX_FULL = -1, -2, -3, -4
local E_INSUFFICIENT, E_EXPIRED, E_RELEASED, E_FULFILLED = -5, -6, -7, -8
local E_CONFIRMED, E_NOT_CONFIRMED, E_KEYS_MISMATCH, E_INVARIANT = -9, -10, -11, -12
local E_NOT_DUE, E_BAD_ARG, E_CORRUPT = -13, -14, -15
-- repairCell: the cell's version is not the one the caller read.
local E_CELL_STALE = -18
-- Leases (renewLease, releaseLease).
local LEASE_ACQUIRED, LEASE_RENEWED, LEASE_RELEASED = 2, 3, 4
local E_LEASE_HELD, E_LEASE_ABSENT = -16, -17

-- Reads a stock cell; absent fields are 0.
local function readCell(key)
  local f = redis.call('HMGET', key, 'onHand', 'reserved', 'committed', 'v')
  return { onHand = tonumber(f[1]) or 0, reserved = tonumber(f[2]) or 0,
           committed = tonumber(f[3]) or 0, v = tonumber(f[4]) or 0 }
end

-- Applies validated deltas to a cell, bumps its version and returns the
-- event tuple {wh, sku, dOnHand, dReserved, dCommitted, onHand, reserved, committed, v}.
local function applyCell(key, wh, sku, cell, dOnHand, dReserved, dCommitted)
  cell.onHand = cell.onHand + dOnHand
  cell.reserved = cell.reserved + dReserved
  cell.committed = cell.committed + dCommitted
  cell.v = cell.v + 1
  redis.call('HSET', key, 'onHand', cell.onHand, 'reserved', cell.reserved,
    'committed', cell.committed, 'v', cell.v)
  return { wh, sku, dOnHand, dReserved, dCommitted, cell.onHand, cell.reserved, cell.committed, cell.v }
end

local function plainString(v)
  return type(v) == 'string' and not string.find(v, '[%c"\\]')
end

-- JSON of an event payload. Reservation events (the hot path) carry only ids of a safe
-- alphabet and integers, so they are written directly; anything else goes through cjson.
local function encodeData(data)
  if data.reason ~= nil or not plainString(data.res) or (data.from ~= nil and not plainString(data.from)) then
    return cjson.encode(data)
  end
  local parts = {}
  for i, c in ipairs(data.cells) do
    if not (plainString(c[1]) and plainString(c[2])) then return cjson.encode(data) end
    parts[i] = '["' .. c[1] .. '","' .. c[2] .. '",' .. string.format('%d,%d,%d,%d,%d,%d,%d', c[3], c[4], c[5], c[6], c[7], c[8], c[9]) .. ']'
  end
  local out = '{"res":"' .. data.res .. '"'
  if data.exp ~= nil then out = out .. string.format(',"exp":%d', data.exp) end
  if data.from ~= nil then out = out .. ',"from":"' .. data.from .. '"' end
  return out .. ',"cells":[' .. table.concat(parts, ',') .. ']}'
end

-- JSON of a reservation's allocations [[wh, sku, qty], ...] as the 'alloc' field stores it: written
-- directly when every id is plain (the hot path), through cjson otherwise. Same text as cjson's.
local function encodeAllocs(allocs)
  local parts = {}
  for i, a in ipairs(allocs) do
    if not (plainString(a[1]) and plainString(a[2])) then return cjson.encode(allocs) end
    parts[i] = '["' .. a[1] .. '","' .. a[2] .. '",' .. string.format('%d', a[3]) .. ']'
  end
  return '[' .. table.concat(parts, ',') .. ']'
end

-- Appends one event to the tenant's outbox stream.
local function emit(outbox, eventId, eventType, aggregate, nowMs, data)
  redis.call('XADD', outbox, '*', 'id', eventId, 'type', eventType, 'agg', aggregate,
    'ts', nowMs, 'data', encodeData(data))
end

local function outboxFull(outbox, lengthMax)
  return redis.call('XLEN', outbox) >= lengthMax
end

-- The key prefix of the tenant, derived from a reservation key `<prefix>r:<id>`.
local function prefixOf(reservationKey, reservationId)
  return string.sub(reservationKey, 1, #reservationKey - #reservationId - 2)
end

-- True when KEYS[first..] are exactly the cells of `allocs`, in order.
local function keysMatch(prefix, allocs, first)
  if #KEYS - first + 1 ~= #allocs then return false end
  for i, a in ipairs(allocs) do
    if KEYS[first + i - 1] ~= prefix .. 'c:' .. a[1] .. ':' .. a[2] then return false end
  end
  return true
end

-- Loads a reservation and checks the cell keys; returns (record, allocs) or (nil, code).
local function loadReservation(resKey, resId, first)
  local f = redis.call('HMGET', resKey, 'st', 'exp', 'alloc')
  if not f[1] then return nil, E_NOT_FOUND end
  local allocs = cjson.decode(f[3])
  if not keysMatch(prefixOf(resKey, resId), allocs, first) then return nil, E_KEYS_MISMATCH end
  return { st = f[1], exp = tonumber(f[2]) }, allocs
end

-- The error code for a reservation that is not in the state an operation needs.
local function stateCode(st)
  if st == 'expired' then return E_EXPIRED end
  if st == 'released' then return E_RELEASED end
  if st == 'fulfilled' then return E_FULFILLED end
  if st == 'confirmed' then return E_CONFIRMED end
  return E_NOT_CONFIRMED
end

-- Moves every allocation by the given per-unit tier deltas, after checking that
-- no counter would break an invariant. Returns the event cells, or nil.
local function moveAll(allocs, first, sOnHand, sReserved, sCommitted)
  local cells = {}
  for i, a in ipairs(allocs) do
    local c = readCell(KEYS[first + i - 1])
    local q = a[3]
    local onHand, reserved, committed = c.onHand + sOnHand * q, c.reserved + sReserved * q, c.committed + sCommitted * q
    if reserved < 0 or committed < 0 or onHand < reserved + committed then return nil end
    cells[i] = c
  end
  local out = {}
  for i, a in ipairs(allocs) do
    local q = a[3]
    out[i] = applyCell(KEYS[first + i - 1], a[1], a[2], cells[i], sOnHand * q, sReserved * q, sCommitted * q)
  end
  return out
end

-- Ends a reservation: final state, off the expiry index, readable for the retention period.
local function finish(resKey, resId, expiryKey, status, nowMs, retentionSec)
  redis.call('HSET', resKey, 'st', status, 'end', nowMs)
  redis.call('ZREM', expiryKey, resId)
  redis.call('EXPIRE', resKey, retentionSec)
end

-- Expires a held reservation whose time has passed: reserved stock back to available.
local function expireHeld(resKey, resId, allocs, first, expiryKey, outbox, nowMs, retentionSec)
  local cells = moveAll(allocs, first, 0, -1, 0)
  if not cells then return E_CORRUPT end
  finish(resKey, resId, expiryKey, 'expired', nowMs, retentionSec)
  emit(outbox, resId .. ':expired', 'expired', resId, nowMs, { res = resId, cells = cells })
  return OK
end
