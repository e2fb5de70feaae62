--[[ setStock-3.lua — set the on-hand level of a cell (initial load, count result), with a reason.
KEYS[1] outbox stream   KEYS[2] stock cell   KEYS[3] operation idempotency key
ARGV[1] event id   ARGV[2] now ms   ARGV[3] outbox length max   ARGV[4] onHand
ARGV[5] safetyStock ('' keeps it)   ARGV[6] inTransit ('' keeps it)   ARGV[7] reason
ARGV[8] warehouse id   ARGV[9] sku   ARGV[10] request fingerprint   ARGV[11] idempotency ttl s   ARGV[12] onHand max
Refuses (nothing written) an onHand below reserved + committed, or above the max.
Returns: {0, onHand, reserved, committed, inTransit, safetyStock, v}   {1} replay of the same operation
  {-2} operation key reused with another request   {-4} outbox full
  {-12, reserved, committed} onHand would be below reserved + committed
  {-14, message} bad argument: onHand, safetyStock or inTransit not an integer in 0..onHand max
Emits: set {wh, sku, reason, inTransit, safetyStock, cells}
]]
--! include common
--! include stock

local a = { eventId = ARGV[1], nowMs = tonumber(ARGV[2]), reason = ARGV[7], wh = ARGV[8], sku = ARGV[9],
            fingerprint = ARGV[10], idemTtl = tonumber(ARGV[11]) }
local onHand, onHandMax = tonumber(ARGV[4]), tonumber(ARGV[12])
if not onHand or onHand < 0 or onHand > onHandMax or onHand % 1 ~= 0 then return { E_BAD_ARG, 'onHand' } end
for i = 5, 6 do
  local n = tonumber(ARGV[i])
  if ARGV[i] ~= '' and not (n and n >= 0 and n <= onHandMax and n % 1 == 0) then
    return { E_BAD_ARG, i == 5 and 'safetyStock' or 'inTransit' }
  end
end
local replay = checkOperationKey(KEYS[3], a.fingerprint)
if replay then return replay end
if outboxFull(KEYS[1], tonumber(ARGV[3])) then return { E_OUTBOX_FULL } end
local c = readTiers(KEYS[2])
if onHand < c.reserved + c.committed then return { E_INVARIANT, c.reserved, c.committed } end
if ARGV[5] ~= '' then c.safetyStock = tonumber(ARGV[5]) end
if ARGV[6] ~= '' then c.inTransit = tonumber(ARGV[6]) end
return writeStock(c, onHand, 'set', a)
