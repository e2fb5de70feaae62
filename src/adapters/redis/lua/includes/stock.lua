-- Helpers for the scripts that change on-hand stock directly (set, adjust).

-- Checks the idempotency key: nil when new, else the reply to return.
local function checkOperationKey(key, fingerprint)
  local seen = redis.call('GET', key)
  if not seen then return nil end
  if seen == fingerprint then return { ALREADY } end
  return { E_IDEMPOTENCY_REUSED }
end

-- Reads all tiers of a cell.
local function readTiers(key)
  local f = redis.call('HMGET', key, 'onHand', 'reserved', 'committed', 'inTransit', 'safetyStock', 'v')
  return { onHand = tonumber(f[1]) or 0, reserved = tonumber(f[2]) or 0, committed = tonumber(f[3]) or 0,
           inTransit = tonumber(f[4]) or 0, safetyStock = tonumber(f[5]) or 0, v = tonumber(f[6]) or 0 }
end

-- Writes the new on-hand level and the side tiers, records the operation key and emits the event.
local function writeStock(c, newOnHand, eventType, a)
  local d = newOnHand - c.onHand
  local tuple = applyCell(KEYS[2], a.wh, a.sku, c, d, 0, 0)
  redis.call('HSET', KEYS[2], 'inTransit', c.inTransit, 'safetyStock', c.safetyStock)
  redis.call('SET', KEYS[3], a.fingerprint, 'EX', a.idemTtl)
  emit(KEYS[1], a.eventId, eventType, a.wh .. '/' .. a.sku, a.nowMs, { wh = a.wh, sku = a.sku, reason = a.reason,
    inTransit = c.inTransit, safetyStock = c.safetyStock, cells = { tuple } })
  return { OK, c.onHand, c.reserved, c.committed, c.inTransit, c.safetyStock, c.v }
end
