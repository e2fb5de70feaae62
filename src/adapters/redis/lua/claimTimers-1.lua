--[[ claimTimers-1.lua — claim the due SLA timers of one tenant (issue 12).
KEYS[1] the tenant's timer set (see armTimer-1.lua)
ARGV[1] now (epoch ms, integer ≥ 0)
ARGV[2] lease (ms, integer ≥ 1): a claimed timer is re-scored to now + lease, so it is due
        again (claimed by any process) if its claimer does not settle it in time
ARGV[3] timers claimed at most (integer ≥ 1)
Returns: {0, next, member1, deadline1, member2, deadline2, …}
         next = the earliest score left after the claim (epoch ms), -1 when the set is empty;
         deadline = the score the member had when claimed (its deadline, or its last lease)
         {-14, 'now' | 'lease' | 'max'} a bad argument (nothing written)
Emits: nothing.
]]
--! include common

local now = tonumber(ARGV[1])
if not now or now < 0 or now ~= math.floor(now) then return { E_BAD_ARG, 'now' } end
local lease = tonumber(ARGV[2])
if not lease or lease < 1 or lease ~= math.floor(lease) then return { E_BAD_ARG, 'lease' } end
local max = tonumber(ARGV[3])
if not max or max < 1 or max ~= math.floor(max) then return { E_BAD_ARG, 'max' } end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, max)
local out = { OK, -1 }
for i = 1, #due, 2 do
  redis.call('ZADD', KEYS[1], now + lease, due[i])
  out[#out + 1] = due[i]
  out[#out + 1] = tonumber(due[i + 1])
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 2 then out[2] = tonumber(first[2]) end
return out
