--[[ settleTimer-1.lua — settle one claimed SLA timer (issue 12), optionally arming its escalation.
KEYS[1] the tenant's timer set (see armTimer-1.lua)
ARGV[1] the claimed member
ARGV[2] the score the claim gave it (now + lease of claimTimers): the member is removed only
        while it still has it (a timer re-armed meanwhile by a newer order change stays)
ARGV[3] the member to arm next ('' for none): the escalation `<orderId>|<stage>|2`
ARGV[4] its deadline (epoch ms, integer ≥ 0; ignored without a member)
Returns: {0}   settled (and the next member armed, unless it exists)
         {1}   ALREADY: the member was re-armed or cleared meanwhile; nothing written
         {-14, 'member' | 'score' | 'next'} a bad argument (nothing written)
Emits: nothing. The caller lowers the timers index (ZADD LT) when it armed a next member.
]]
--! include common

if type(ARGV[1]) ~= 'string' or ARGV[1] == '' then return { E_BAD_ARG, 'member' } end
local claimed = tonumber(ARGV[2])
if not claimed then return { E_BAD_ARG, 'score' } end
local nextAt = tonumber(ARGV[4])
if ARGV[3] ~= '' and (not nextAt or nextAt < 0 or nextAt ~= math.floor(nextAt)) then return { E_BAD_ARG, 'next' } end
local score = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if score ~= claimed then return { ALREADY } end
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[1], 'NX', nextAt, ARGV[3]) end
return { OK }
