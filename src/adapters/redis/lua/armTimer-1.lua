--[[ armTimer-1.lua — arm or clear the SLA timers of one order (issue 12).
KEYS[1] the tenant's timer set (sorted set `<ns>:{<tenant>}:sla:timers`: member `<orderId>|<stage>`
        for level 1, `<orderId>|<stage>|2` for the escalation; score = deadline, epoch ms)
ARGV[1] order id (no '|')
ARGV[2] the stage to arm, '' for none
ARGV[3] its deadline (epoch ms, integer ≥ 0; ignored without a stage)
ARGV[4] '1': keep the stage's running deadline when it has one (the order stayed in the stage);
        '0': set this deadline and drop the stage's escalation
ARGV[5..] stages to clear (both levels)
Returns: {0, armed}  armed = 1 when the stage's deadline was written, 0 otherwise
         {-14, 'order' | 'deadline' | 'keep'} a bad argument (nothing written)
Emits: nothing. The caller lowers the timers index (ZADD LT) after this script.
]]
--! include common

local order = ARGV[1]
if type(order) ~= 'string' or order == '' or string.find(order, '|', 1, true) then return { E_BAD_ARG, 'order' } end
local stage = ARGV[2]
local deadline = tonumber(ARGV[3])
if stage ~= '' and (not deadline or deadline < 0 or deadline ~= math.floor(deadline)) then return { E_BAD_ARG, 'deadline' } end
if ARGV[4] ~= '0' and ARGV[4] ~= '1' then return { E_BAD_ARG, 'keep' } end
for i = 5, #ARGV do
  redis.call('ZREM', KEYS[1], order .. '|' .. ARGV[i], order .. '|' .. ARGV[i] .. '|2')
end
if stage == '' then return { OK, 0 } end
local member = order .. '|' .. stage
if ARGV[4] == '1' then
  if redis.call('ZSCORE', KEYS[1], member) or redis.call('ZSCORE', KEYS[1], member .. '|2') then return { OK, 0 } end
else
  redis.call('ZREM', KEYS[1], member .. '|2')
end
redis.call('ZADD', KEYS[1], deadline, member)
return { OK, 1 }
