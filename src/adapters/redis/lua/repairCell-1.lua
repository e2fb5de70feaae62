--[[ repairCell-1.lua — set a stock cell to what the ledger says (reconcile --repair, rebuild after Redis loss).
KEYS[1] stock cell
ARGV[1] expected version: the cell's `v` as the caller read it, or -1 for "the cell must not exist"
ARGV[2] onHand   ARGV[3] reserved   ARGV[4] committed   ARGV[5] version `v` to store
ARGV[6] inTransit ('' keeps it)   ARGV[7] safetyStock ('' keeps it)
Compare-and-set: nothing is written when the cell changed since the caller read it (another script moved
its version), so a repair never overwrites a change the caller has not compared.
Validates everything before writing: integers, every counter ≥ 0, onHand ≥ reserved + committed, v ≥ 1.
Returns: {0} written
  {-18, v} stale (E_CELL_STALE): the cell's version is not the expected one, or the cell exists when -1
           was expected; nothing written
  {-12} the values break a stock invariant; nothing written
  {-14, message} bad argument
Emits: nothing. A repair makes Redis agree with events already in the ledger; it is not a stock change.
]]
--! include common

local expected = tonumber(ARGV[1])
local onHand, reserved, committed, v = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local inTransit, safetyStock = ARGV[6], ARGV[7]
for _, n in ipairs({ expected, onHand, reserved, committed, v }) do
  if not n or n % 1 ~= 0 then return { E_BAD_ARG, 'counters must be integers' } end
end
for i, s in ipairs({ inTransit, safetyStock }) do
  if s ~= '' and not (tonumber(s) and tonumber(s) >= 0 and tonumber(s) % 1 == 0) then
    return { E_BAD_ARG, i == 1 and 'inTransit' or 'safetyStock' }
  end
end
if v < 1 then return { E_BAD_ARG, 'version must be at least 1' } end
if onHand < 0 or reserved < 0 or committed < 0 or onHand < reserved + committed then return { E_INVARIANT } end

local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if expected == -1 then
  if redis.call('EXISTS', KEYS[1]) == 1 then return { E_CELL_STALE, current } end
elseif current ~= expected then
  return { E_CELL_STALE, current }
end

redis.call('HSET', KEYS[1], 'onHand', onHand, 'reserved', reserved, 'committed', committed, 'v', v)
if inTransit ~= '' then redis.call('HSET', KEYS[1], 'inTransit', tonumber(inTransit)) end
if safetyStock ~= '' then redis.call('HSET', KEYS[1], 'safetyStock', tonumber(safetyStock)) end
return { OK }
