--[[ fulfilReservation-n.lua — shipped: confirmed -> fulfilled (committed and onHand both decrease).
KEYS[1] outbox stream   KEYS[2] expiry index   KEYS[3] reservation hash
KEYS[4..] the reservation's stock cells, in allocation order
ARGV[1] reservation id   ARGV[2] now ms   ARGV[3] outbox length max   ARGV[4] retention s
Returns: {0} fulfilled   {1} already fulfilled   {-1} not found   {-4} outbox full
  {-6} expired (a held reservation past expiry is expired here)   {-7} released
  {-10} still held, not confirmed   {-11} keys do not match   {-15} corrupt state (nothing written)
Emits: fulfilled {res, cells}, or expired {res, cells}.
]]
--! include common

local resId, nowMs, retention = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[4])
local r, allocs = loadReservation(KEYS[3], resId, 4)
if not r then return { allocs } end
if r.st == 'fulfilled' then return { ALREADY } end
if r.st == 'held' and r.exp <= nowMs then
  if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
  local code = expireHeld(KEYS[3], resId, allocs, 4, KEYS[2], KEYS[1], nowMs, retention)
  if code ~= OK then return { code } end
  return { E_EXPIRED }
end
if r.st ~= 'confirmed' then return { stateCode(r.st) } end
if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
local cells = moveAll(allocs, 4, -1, 0, -1)
if not cells then return { E_CORRUPT } end
finish(KEYS[3], resId, KEYS[2], 'fulfilled', nowMs, retention)
emit(KEYS[1], resId .. ':fulfilled', 'fulfilled', resId, nowMs, { res = resId, cells = cells })
return { OK }
