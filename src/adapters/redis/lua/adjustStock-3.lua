--[[ adjustStock-3.lua — change the on-hand level of a cell by a delta (receiving, count correction), with a reason.
KEYS[1] outbox stream   KEYS[2] stock cell   KEYS[3] operation idempotency key
ARGV[1] event id   ARGV[2] now ms   ARGV[3] outbox length max   ARGV[4] delta (non-zero integer)
ARGV[5] reason   ARGV[6] warehouse id   ARGV[7] sku   ARGV[8] request fingerprint   ARGV[9] idempotency ttl s
ARGV[10] onHand max
Refuses (nothing written) a result below reserved + committed (so never below 0) or above the max.
Returns: {0, onHand, reserved, committed, inTransit, safetyStock, v}   {1} replay of the same operation
  {-2} operation key reused with another request   {-4} outbox full
  {-12, reserved, committed, onHand} the result would break an invariant   {-14, message} bad argument
Emits: adjusted {wh, sku, reason, inTransit, safetyStock, cells}
]]
--! include common
--! include stock

local a = { eventId = ARGV[1], nowMs = tonumber(ARGV[2]), reason = ARGV[5], wh = ARGV[6], sku = ARGV[7],
            fingerprint = ARGV[8], idemTtl = tonumber(ARGV[9]) }
local delta, onHandMax = tonumber(ARGV[4]), tonumber(ARGV[10])
if not delta or delta == 0 or delta % 1 ~= 0 then return { E_BAD_ARG, 'delta' } end
local replay = checkOperationKey(KEYS[3], a.fingerprint)
if replay then return replay end
if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
local c = readTiers(KEYS[2])
local onHand = c.onHand + delta
if onHand < c.reserved + c.committed or onHand > onHandMax then
  return { E_INVARIANT, c.reserved, c.committed, c.onHand }
end
return writeStock(c, onHand, 'adjusted', a)
