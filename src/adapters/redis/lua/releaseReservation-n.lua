--[[ releaseReservation-n.lua — cancel: held or confirmed -> released, stock back to available.
KEYS[1] outbox stream   KEYS[2] expiry index   KEYS[3] reservation hash
KEYS[4..] the reservation's stock cells, in allocation order
ARGV[1] reservation id   ARGV[2] now ms   ARGV[3] outbox length max   ARGV[4] retention s
A held reservation already past its expiry is expired instead (same stock effect) and reported as expired.
Returns: {0} released   {1} already released   {-1} not found   {-4} outbox full   {-6} expired
  {-8} fulfilled   {-11} keys do not match   {-15} corrupt state (nothing written)
Emits: released {res, from, cells}, or expired {res, cells}.
]]
--! include common

local resId, nowMs, retention = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[4])
local r, allocs = loadReservation(KEYS[3], resId, 4)
if not r then return { allocs } end
if r.st == 'released' then return { ALREADY } end
if r.st ~= 'held' and r.st ~= 'confirmed' then return { stateCode(r.st) } end
if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
if r.st == 'held' and r.exp <= nowMs then
  local code = expireHeld(KEYS[3], resId, allocs, 4, KEYS[2], KEYS[1], nowMs, retention)
  if code ~= OK then return { code } end
  return { E_EXPIRED }
end
local cells
if r.st == 'held' then cells = moveAll(allocs, 4, 0, -1, 0) else cells = moveAll(allocs, 4, 0, 0, -1) end
if not cells then return { E_CORRUPT } end
finish(KEYS[3], resId, KEYS[2], 'released', nowMs, retention)
emit(KEYS[1], resId .. ':released', 'released', resId, nowMs, { res = resId, from = r.st, cells = cells })
return { OK }
