--[[ restoreReservation-2.lua — put back a live (held or confirmed) reservation from PostgreSQL (rebuild after Redis loss).
KEYS[1] reservation hash   KEYS[2] expiry index (zset: reservation id -> expires at ms)
ARGV[1] reservation id   ARGV[2] status: held | confirmed   ARGV[3] created at ms (field ts)
ARGV[4] expires at ms (field exp)   ARGV[5] allocations JSON [[warehouse, sku, qty], ...] (field alloc)
ARGV[6] confirmed at ms (field conf; '' for none)
Writes only when the reservation is absent: a reservation Redis still has is never overwritten.
A held reservation is put in the expiry index even when already due: the sweeper then expires it and
emits its event, as for any other. The stock cells are not touched (they are restored by repairCell).
Returns: {0} restored   {1} already present (nothing written)
  {-11} the keys are not the reservation's hash and its tenant's expiry index   {-14, message} bad argument
Emits: nothing.
]]
--! include common

local resId, st, ts, exp, allocJson, conf = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
if st ~= 'held' and st ~= 'confirmed' then return { E_BAD_ARG, 'status must be held or confirmed' } end
if not ts or not exp or ts % 1 ~= 0 or exp % 1 ~= 0 then return { E_BAD_ARG, 'times must be integers' } end
if conf ~= '' and not tonumber(conf) then return { E_BAD_ARG, 'confirmed at must be an integer' } end
local decoded, allocs = pcall(cjson.decode, allocJson)
if not decoded or type(allocs) ~= 'table' or #allocs == 0 then return { E_BAD_ARG, 'alloc must be a non-empty array' } end
for _, a in ipairs(allocs) do
  if type(a) ~= 'table' or type(a[1]) ~= 'string' or type(a[2]) ~= 'string' or type(a[3]) ~= 'number'
    or a[3] < 1 or a[3] % 1 ~= 0 then
    return { E_BAD_ARG, 'alloc entries must be [warehouse, sku, qty >= 1]' }
  end
end
local prefix = prefixOf(KEYS[1], resId)
if KEYS[1] ~= prefix .. 'r:' .. resId or KEYS[2] ~= prefix .. 'exp' then return { E_KEYS_MISMATCH } end

if redis.call('EXISTS', KEYS[1]) == 1 then return { ALREADY } end
redis.call('HSET', KEYS[1], 'st', st, 'ts', ts, 'exp', exp, 'alloc', allocJson)
if conf ~= '' then redis.call('HSET', KEYS[1], 'conf', tonumber(conf)) end
if st == 'held' then redis.call('ZADD', KEYS[2], exp, resId) end
return { OK }
