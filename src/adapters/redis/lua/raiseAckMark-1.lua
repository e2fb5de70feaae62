--[[ raiseAckMark-1.lua — raise the event log's acknowledged mark; never lowers it.
KEYS[1] mark (hash `<ns>:js:acked`: seq, id, at)
ARGV[1] a JetStream stream sequence that a PubAck reported (integer ≥ 1)
ARGV[2] the Nats-Msg-Id of the message stored at it
ARGV[3] when the PubAck arrived (epoch ms, integer ≥ 0)
The tail guard reads it: a stream whose message at `seq` is gone, or carries
another id, lost acknowledged messages.
Returns: {0, seq} raised to ARGV[1]   {1, current} current seq is already ≥ ARGV[1] (unchanged)
  {-14, 'seq'} / {-14, 'id'} / {-14, 'at'} a bad argument
Emits: nothing.
]]
--! include common

local seq = tonumber(ARGV[1])
if not seq or seq < 1 or seq ~= math.floor(seq) then return { E_BAD_ARG, 'seq' } end
if type(ARGV[2]) ~= 'string' or ARGV[2] == '' then return { E_BAD_ARG, 'id' } end
local at = tonumber(ARGV[3])
if not at or at < 0 or at ~= math.floor(at) then return { E_BAD_ARG, 'at' } end
local current = tonumber(redis.call('HGET', KEYS[1], 'seq'))
if current and current >= seq then return { ALREADY, tostring(current) } end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'id', ARGV[2], 'at', ARGV[3])
return { OK, ARGV[1] }
