--[[ renewLease-1.lua — take or keep the lease on a tenant's outbox (one relay instance at a time).
KEYS[1] lease key `<ns>:{<tenant>}:relay:lease`
ARGV[1] owner (relay instance id)   ARGV[2] lease ms (positive integer)
Takes the lease when nobody holds it (SET NX PX); extends it (PEXPIRE) only when ARGV[1] holds it.
Returns: {0, ms}          acquired: nobody held it, the caller now does for ms
         {1, ms}          renewed: the caller already held it and does for ms more
         {-16, owner, ms} held by another instance for ms more (nothing written)
         {-14, message}   bad argument
Emits: nothing.
]]
local owner, leaseMs = ARGV[1], tonumber(ARGV[2])
if not owner or owner == '' then return { -14, 'owner' } end
if not leaseMs or leaseMs < 1 or leaseMs % 1 ~= 0 then return { -14, 'lease ms' } end
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], owner, 'PX', leaseMs)
  return { 0, leaseMs }
end
if holder == owner then
  redis.call('PEXPIRE', KEYS[1], leaseMs)
  return { 1, leaseMs }
end
return { -16, holder, redis.call('PTTL', KEYS[1]) }
