--[[ releaseLease-1.lua — give up the lease on a tenant's outbox, if the caller holds it.
KEYS[1] lease key `<ns>:{<tenant>}:relay:lease`
ARGV[1] owner (relay instance id)
Deletes the key only when ARGV[1] holds it (compare-and-delete), so a lease that expired and was
taken by another instance is never removed.
Returns: {0} released   {-1} nobody held it   {-16, owner} held by another instance (nothing written)
Emits: nothing.
]]
local holder = redis.call('GET', KEYS[1])
if not holder then return { -1 } end
if holder ~= ARGV[1] then return { -16, holder } end
redis.call('DEL', KEYS[1])
return { 0 }
