--[[ renewLease-1.lua — take or keep the lease on a tenant's outbox (one relay instance at a time).
KEYS[1] lease key `<ns>:{<tenant>}:relay:lease`
ARGV[1] owner (relay instance id)   ARGV[2] lease ms (positive integer)
Takes the lease when nobody holds it (SET NX PX); extends it (PEXPIRE) only when ARGV[1] holds it.
Returns: {LEASE_ACQUIRED (2), ms}      acquired: nobody held it, the caller now does for ms
         {LEASE_RENEWED (3), ms}       renewed: the caller already held it and does for ms more
         {E_LEASE_HELD (-16), owner, ms} held by another instance for ms more (nothing written)
         {E_BAD_ARG (-14), message}    bad argument
Emits: nothing.
]]
--! include common

local owner, leaseMs = ARGV[1], tonumber(ARGV[2])
if not owner or owner == '' then return { E_BAD_ARG, 'owner' } end
if not leaseMs or leaseMs < 1 or leaseMs % 1 ~= 0 then return { E_BAD_ARG, 'lease ms' } end
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], owner, 'PX', leaseMs)
  return { LEASE_ACQUIRED, leaseMs }
end
if holder == owner then
  redis.call('PEXPIRE', KEYS[1], leaseMs)
  return { LEASE_RENEWED, leaseMs }
end
return { E_LEASE_HELD, holder, redis.call('PTTL', KEYS[1]) }
