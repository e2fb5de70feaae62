--[[ raiseWatermark-1.lua — raise a tenant's projected-outbox watermark; never lowers it.
KEYS[1] watermark (string: an outbox stream id "<ms>-<seq>", `<prefix>outbox:projected`)
ARGV[1] stream id "<ms>-<seq>": every outbox entry up to and including it is committed in PostgreSQL
Stream ids compare as (ms, seq) pairs of integers, not as strings ("9-0" < "10-0").
Returns: {0, id} raised to ARGV[1]   {1, current} current is already ≥ ARGV[1] (unchanged)
  {-14, 'stream id'} ARGV[1] is not a stream id
Emits: nothing.
]]
--! include common

local function parse(id)
  if type(id) ~= 'string' then return nil end
  local ms, seq = string.match(id, '^(%d+)%-(%d+)$')
  if not ms then return nil end
  return tonumber(ms), tonumber(seq)
end

local ms, seq = parse(ARGV[1])
if not ms then return { E_BAD_ARG, 'stream id' } end
local current = redis.call('GET', KEYS[1])
local cms, cseq = parse(current)
if cms and (cms > ms or (cms == ms and cseq >= seq)) then return { ALREADY, current } end
redis.call('SET', KEYS[1], ARGV[1])
return { OK, ARGV[1] }
