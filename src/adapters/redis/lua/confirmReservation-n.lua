--[[ confirmReservation-n.lua — payment received: held -> confirmed (reserved -> committed).
KEYS[1] outbox stream   KEYS[2] expiry index   KEYS[3] reservation hash
KEYS[4..] the reservation's stock cells, in allocation order
ARGV[1] reservation id   ARGV[2] now ms   ARGV[3] outbox length max   ARGV[4] retention s (for an expiry done here)
A reservation past its expiry is expired here, even if no sweeper has run: it is never confirmed.
Returns: {0} confirmed   {1} already confirmed   {-1} not found   {-4} outbox full
  {-6} expired (now or before)   {-7} released   {-8} fulfilled   {-11} keys do not match the reservation
  {-15} counters would break an invariant (corrupt state; nothing written)
Emits: confirmed {res, cells}, or expired {res, cells} when it expires the reservation.
]]
--! include common

local resId, nowMs = ARGV[1], tonumber(ARGV[2])
local r, allocs = loadReservation(KEYS[3], resId, 4)
if not r then return { allocs } end
if r.st == 'confirmed' then return { ALREADY } end
if r.st ~= 'held' then return { stateCode(r.st) } end
if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
if r.exp <= nowMs then
  local code = expireHeld(KEYS[3], resId, allocs, 4, KEYS[2], KEYS[1], nowMs, tonumber(ARGV[4]))
  if code ~= OK then return { code } end
  return { E_EXPIRED }
end
local cells = moveAll(allocs, 4, 0, -1, 1)
if not cells then return { E_CORRUPT } end
redis.call('HSET', KEYS[3], 'st', 'confirmed', 'conf', nowMs)
redis.call('ZREM', KEYS[2], resId)
emit(KEYS[1], resId .. ':confirmed', 'confirmed', resId, nowMs, { res = resId, cells = cells })
return { OK }
