-- wrk script of `npm run bench` (bench/lib/wrk.ts): single-line reservations.
--
--   wrk -t1 -c64 -d10s -s bench/wrk/reserve.lua http://127.0.0.1:PORT -- <api key> <key prefix> <sku count> <region> <seed>
--
-- Every request: POST /v1/reservations with `Authorization: Bearer <api key>`
-- (<api key> may be a comma list, one key per tenant: requests take them in
-- turn, so bench/cluster/masters.ts spreads the load over tenants on several
-- Redis Cluster masters; one key is the plain case),
-- a unique `Idempotency-Key` (<key prefix><thread>-<counter>), and the body
-- {"lines":[{"sku":"sku-NNN","qty":1}],"region":"<region>"} with a random SKU
-- out of sku-000 … sku-<count - 1> (the names bench/lib/scenarios.ts seeds).
--
-- done() prints one line, `WRK_SUMMARY {json}`: duration (µs), completed
-- requests, wrk's error counts (`status` = answers with a status ≥ 400; wrk
-- counts no other non-2xx, and none is expected here), latency percentiles
-- (µs) and this wrk process's CPU (utime + stime ticks from /proc/self/stat,
-- all its threads, read while it is still running).

local path = '/v1/reservations'
local headers = { ['Content-Type'] = 'application/json' }
local counter = 0
local keyPrefix = ''
local skuCount = 1
local bodyFormat = ''
local authorizations = {}

local nextThreadId = 0

function setup(thread)
  -- Runs in the main Lua state once per thread: each thread gets its own id, so keys never repeat across threads.
  nextThreadId = nextThreadId + 1
  thread:set('threadId', nextThreadId)
end

function init(args)
  local id = threadId or 0
  for key in string.gmatch(args[1], '[^,]+') do authorizations[#authorizations + 1] = 'Bearer ' .. key end
  keyPrefix = args[2] .. id .. '-'
  skuCount = tonumber(args[3])
  local width = #tostring(skuCount - 1)
  bodyFormat = '{"lines":[{"sku":"sku-%0' .. width .. 'd","qty":1}],"region":"' .. args[4] .. '"}'
  math.randomseed(tonumber(args[5]) + id)
end

function request()
  counter = counter + 1
  headers['Idempotency-Key'] = keyPrefix .. counter
  headers['Authorization'] = authorizations[counter % #authorizations + 1]
  return wrk.format('POST', path, headers, string.format(bodyFormat, math.random(0, skuCount - 1)))
end

local function cpuTicks()
  local f = io.open('/proc/self/stat', 'r')
  if f == nil then return -1 end
  local stat = f:read('*a')
  f:close()
  -- Fields after the parenthesised command name: state is field 3; utime and stime are fields 14 and 15.
  local rest = stat:match('^.*%) (.*)$')
  if rest == nil then return -1 end
  local fields = {}
  for word in rest:gmatch('%S+') do fields[#fields + 1] = word end
  return (tonumber(fields[12]) or 0) + (tonumber(fields[13]) or 0)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_SUMMARY {"durationUs":%.0f,"requests":%.0f,"bytes":%.0f,' ..
    '"errors":{"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f},' ..
    '"latencyUs":{"p50":%.0f,"p90":%.0f,"p99":%.0f,"max":%.0f,"mean":%.1f},"cpuTicks":%.0f}\n',
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    cpuTicks()))
end
