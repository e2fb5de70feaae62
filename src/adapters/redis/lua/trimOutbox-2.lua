--[[ trimOutbox-2.lua — drop outbox entries that are both relayed and durable further down the chain.
KEYS[1] outbox stream   KEYS[2] projector watermark (string: the highest outbox id durably committed
  to PostgreSQL; absent = nothing is durable yet)
ARGV[1] relay consumer group   ARGV[2] retention floor id ('' = none): entries below it are old enough
  to trim even above the watermark (a retention window longer than JetStream's disk sync interval)
ARGV[3] the calling consumer   ARGV[4] idle ms: other consumers of the group with nothing pending and idle
  at least this long are deleted, up to 100 a call (previous relay instances; a live one is recreated
  by its next read)
Keeps every entry at or above the lowest of:
  durable = the greater of the watermark and the retention floor (absent watermark and no floor: 0-0)
  the first entry pending in the group (read by a relay, not yet acked), or when none is pending,
  the group's last-delivered id (entries after it were never read, so never published)
so an entry the relay has not acked is never trimmed. Without the group nothing is trimmed.
All in one step, so a relay reading or acking meanwhile cannot move the bounds under it, and a consumer
is deleted only while it has nothing pending (deleting one drops its pending entries).
Returns: {0, trimmed, cutoff id, length after, consumers deleted}
  {-14, message} bad argument (the watermark is not an id; nothing written)
Emits: nothing.
]]
--! include common

local function parseId(s)
  if not s or s == '' then return nil end
  local ms, seq = string.match(s, '^(%d+)-(%d+)$')
  if not ms then ms = string.match(s, '^(%d+)$'); seq = '0' end
  if not ms then return nil end
  return { tonumber(ms), tonumber(seq) }
end
local function less(a, b)
  if a[1] ~= b[1] then return a[1] < b[1] end
  return a[2] < b[2]
end
local function fmt(id) return string.format('%.0f-%.0f', id[1], id[2]) end

local idleMin = tonumber(ARGV[4])
if not idleMin then return { E_BAD_ARG, 'idle ms' } end
if redis.call('EXISTS', KEYS[1]) == 0 then return { OK, 0, '0-0', 0, 0 } end
local rawMark = redis.call('GET', KEYS[2])
local durable = { 0, 0 }
if rawMark then
  durable = parseId(rawMark)
  if not durable then return { E_BAD_ARG, 'watermark is not a stream id' } end
end
local floor = parseId(ARGV[2])
if floor and less(durable, floor) then durable = floor end

local delivered = nil
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local info = {}
  for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
  if info['name'] == ARGV[1] then delivered = parseId(info['last-delivered-id']) end
end
if not delivered then return { OK, 0, '0-0', redis.call('XLEN', KEYS[1]), 0 } end

local forgotten = 0
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local info = {}
  for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
  if forgotten < 100 and info['name'] ~= ARGV[3] and tonumber(info['pending']) == 0 and tonumber(info['idle']) >= idleMin then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
    forgotten = forgotten + 1
  end
end

local pending = redis.call('XPENDING', KEYS[1], ARGV[1])
local unacked = parseId(pending[2]) or delivered
local cutoff = durable
if less(unacked, cutoff) then cutoff = unacked end
local trimmed = 0
if cutoff[1] > 0 or cutoff[2] > 0 then trimmed = redis.call('XTRIM', KEYS[1], 'MINID', fmt(cutoff)) end
return { OK, trimmed, fmt(cutoff), redis.call('XLEN', KEYS[1]), forgotten }
