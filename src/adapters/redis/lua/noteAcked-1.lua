--[[ noteAcked-1.lua — log one acknowledged JetStream message for the tail guard.
KEYS[1] log (sorted set `<ns>:{js}:acked`: score = stream sequence, member = "<seq>|<at ms>|<msg id>")
ARGV[1] a stream sequence a PubAck reported (integer ≥ 1)
ARGV[2] the Nats-Msg-Id of the message stored at it
ARGV[3] when the PubAck arrived (epoch ms, integer ≥ 0)
ARGV[4] entries kept at most (integer ≥ 1): beyond, the lowest sequences go first
The guard verifies every logged entry against the stream (the message at
`seq` must carry `msg id`) and removes the verified ones.
Returns: {0, entries}   {-14, 'seq' | 'id' | 'at' | 'max'} a bad argument (nothing written)
Emits: nothing.
]]
--! include common

local seq = tonumber(ARGV[1])
if not seq or seq < 1 or seq ~= math.floor(seq) then return { E_BAD_ARG, 'seq' } end
if type(ARGV[2]) ~= 'string' or ARGV[2] == '' then return { E_BAD_ARG, 'id' } end
local at = tonumber(ARGV[3])
if not at or at < 0 or at ~= math.floor(at) then return { E_BAD_ARG, 'at' } end
local max = tonumber(ARGV[4])
if not max or max < 1 or max ~= math.floor(max) then return { E_BAD_ARG, 'max' } end
redis.call('ZADD', KEYS[1], seq, ARGV[1] .. '|' .. ARGV[3] .. '|' .. ARGV[2])
local n = redis.call('ZCARD', KEYS[1])
if n > max then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - max - 1)
  n = max
end
return { OK, n }
