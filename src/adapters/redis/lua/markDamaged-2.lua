--[[ markDamaged-2.lua — mark the event log damaged, unless the loss was repaired meanwhile.
KEYS[1] the acknowledgement log (sorted set `<ns>:{js}:acked`)
KEYS[2] the damaged mark (string `<ns>:{js}:damaged`)
ARGV[1] the log member the stream no longer holds ("<seq>|<at ms>|<msg id>")
ARGV[2] why (text, at most 500 bytes)
A repair deletes the log and the mark together; a member still in the log
means no repair covered it yet.
Returns: {0, 'marked'}   {1, 'repaired'} the member is gone from the log (nothing written)
  {-14, 'member' | 'reason'} a bad argument
Emits: nothing.
]]
--! include common

if type(ARGV[1]) ~= 'string' or ARGV[1] == '' then return { E_BAD_ARG, 'member' } end
if type(ARGV[2]) ~= 'string' or ARGV[2] == '' or #ARGV[2] > 500 then return { E_BAD_ARG, 'reason' } end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return { ALREADY, 'repaired' } end
redis.call('SET', KEYS[2], ARGV[2])
return { OK, 'marked' }
