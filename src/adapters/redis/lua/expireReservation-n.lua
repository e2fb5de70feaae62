--[[ expireReservation-n.lua — the sweeper's step: a held reservation past its expiry -> expired.
KEYS[1] outbox stream   KEYS[2] expiry index   KEYS[3] reservation hash
KEYS[4..] the reservation's stock cells, in allocation order
ARGV[1] reservation id   ARGV[2] now ms   ARGV[3] outbox length max   ARGV[4] retention s
Safe to run from many sweepers at once: only the first call on a due, held reservation changes anything.
Returns: {0} expired   {-13} not due yet   {-1} not found (index entry removed)
  {-6|-7|-8|-9} no longer held (index entry removed)   {-4} outbox full   {-11} keys do not match
  {-15} corrupt state (nothing written)
Emits: expired {res, cells}.
]]
--! include common

local resId, nowMs = ARGV[1], tonumber(ARGV[2])
local r, allocs = loadReservation(KEYS[3], resId, 4)
if not r then
  if allocs == E_NOT_FOUND then redis.call('ZREM', KEYS[2], resId) end
  return { allocs }
end
if r.st ~= 'held' then
  redis.call('ZREM', KEYS[2], resId)
  return { stateCode(r.st) }
end
if r.exp > nowMs then return { E_NOT_DUE } end
if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
return { expireHeld(KEYS[3], resId, allocs, 4, KEYS[2], KEYS[1], nowMs, tonumber(ARGV[4])) }
