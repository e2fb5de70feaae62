--[[ releaseLease-1.lua — give up the lease on a tenant's outbox, if the caller holds it.
KEYS[1] lease key `<ns>:{<tenant>}:relay:lease`
ARGV[1] owner (relay instance id)
Deletes the key only when ARGV[1] holds it (compare-and-delete), so a lease that expired and was
taken by another instance is never removed.
Returns: {LEASE_RELEASED (4)} released   {E_LEASE_ABSENT (-17)} nobody held it
  {E_LEASE_HELD (-16), owner} held by another instance (nothing written)
Emits: nothing.
]]
--! include common

local holder = redis.call('GET', KEYS[1])
if not holder then return { E_LEASE_ABSENT } end
if holder ~= ARGV[1] then return { E_LEASE_HELD, holder } end
redis.call('DEL', KEYS[1])
return { LEASE_RELEASED }
