-- wrk script of `npm run bench:orders` (bench/orders/intake.ts): signed
-- Shopify order webhooks, each sent exactly once.
--
--   wrk -t1 -c64 -d15s -s bench/wrk/intake.lua http://127.0.0.1:PORT -- <documents file> <path> <threads> <rate | max>
--
-- <documents file>: one pre-signed document per line, `<delivery id> TAB
--   <base64 HMAC-SHA256> TAB <raw JSON body>` (bench/orders/documents.ts).
--   Thread i of <threads> (from 1) takes lines i, i + threads, … and formats
--   them at init, before wrk's clock starts.
-- <path>: the intake path with its query, `/v1/channels/<id>/orders?tenant=<t>`.
-- <rate>: documents/s offered by all threads together, paced by delay() on a
--   fixed schedule per thread (a request that finds no free connection at
--   its slot goes out as soon as one frees up; `lateMsMax` says how far
--   behind the schedule the run got); `max`: closed loop, no delay().
--
-- Every request: POST <path>, Content-Type application/json,
-- X-Shopify-Hmac-Sha256, X-Shopify-Webhook-Id (the delivery id),
-- X-Shopify-Topic orders/create, the body byte for byte as signed.
--
-- A thread whose documents are all sent stops (wrk.thread:stop()) rather
-- than send one twice; `exhausted` counts such threads. wrk calls request()
-- once on the first thread before the run to check the request parses
-- (script_verify_request); that call gets the first document without
-- consuming it.
--
-- The last thread's init writes `WRK_LOADED <documents>` to stderr when its
-- documents are loaded: wrk's clock starts right after (the harness starts
-- its probes and CPU snapshot then).
--
-- done() prints one line, `WRK_SUMMARY {json}`, as bench/wrk/reserve.lua's
-- (bench/lib/wrk.ts reads it) plus `sent` (documents written to sockets),
-- `documents` (loaded), `exhausted` (threads that ran out) and `lateMsMax`.

local ffi = require('ffi')
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } pallet_bench_timespec;
int clock_gettime(int clock_id, pallet_bench_timespec *tp);
]]
local clockMonotonic = 1
local timespec = ffi.new('pallet_bench_timespec[1]')

local function nowMs()
  ffi.C.clock_gettime(clockMonotonic, timespec)
  return tonumber(timespec[0].tv_sec) * 1000 + tonumber(timespec[0].tv_nsec) / 1e6
end

-- Main Lua state: every thread, so done() can read its counters.
local threads = {}
local nextThreadId = 0

function setup(thread)
  nextThreadId = nextThreadId + 1
  thread:set('threadId', nextThreadId)
  threads[#threads + 1] = thread
end

-- Thread state. Globals (not locals) where done() reads them through thread:get().
sent = 0
documents = 0
exhausted = 0
lateMsMax = 0
local requests = {}
local nextIndex = 1
local verifying = false
local stopRequest = nil
local intervalMs = 0
local nextAtMs = nil

local function loadDocuments(file, path, threadCount, id)
  local line = 0
  for text in io.lines(file) do
    line = line + 1
    if (line - 1) % threadCount == id - 1 then
      local deliveryId, hmac, body = text:match('^([^\t]+)\t([^\t]+)\t(.+)$')
      if deliveryId == nil then error(file .. ':' .. line .. ': not <delivery id> TAB <hmac> TAB <body>') end
      requests[#requests + 1] = wrk.format('POST', path, {
        ['Content-Type'] = 'application/json',
        ['X-Shopify-Hmac-Sha256'] = hmac,
        ['X-Shopify-Webhook-Id'] = deliveryId,
        ['X-Shopify-Topic'] = 'orders/create',
      }, body)
    end
  end
  documents = #requests
end

-- Paced: each call claims the thread's next slot on a fixed schedule and waits until it (whole ms).
local function pacedDelay()
  local now = nowMs()
  if nextAtMs == nil then nextAtMs = now end
  local wait = nextAtMs - now
  nextAtMs = nextAtMs + intervalMs
  if wait < 0 then
    if -wait > lateMsMax then lateMsMax = -wait end
    return 0
  end
  return math.floor(wait)
end

function init(args)
  local id = threadId or 1
  local threadCount = tonumber(args[3]) or 1
  loadDocuments(args[1], args[2], threadCount, id)
  if documents == 0 then error('thread ' .. id .. ': no documents in ' .. args[1]) end
  verifying = id == 1
  stopRequest = wrk.format('GET', '/readyz', {}, nil)
  if args[4] ~= 'max' then
    local rate = tonumber(args[4])
    if rate == nil or rate <= 0 then error('rate must be a positive number or max, got ' .. tostring(args[4])) end
    intervalMs = 1000 * threadCount / rate
    -- wrk decides whether to call delay() by whether the global exists after init.
    delay = pacedDelay
  end
  -- The last thread's init ends just before wrk starts its clock; stderr is unbuffered, so the harness sees this at once.
  if id == threadCount then io.stderr:write('WRK_LOADED ' .. documents .. '\n') end
end

function request()
  if verifying then
    verifying = false
    return requests[1]
  end
  if nextIndex > documents then
    exhausted = 1
    wrk.thread:stop()
    return stopRequest
  end
  local r = requests[nextIndex]
  requests[nextIndex] = nil
  nextIndex = nextIndex + 1
  sent = sent + 1
  return r
end

local function cpuTicks()
  local f = io.open('/proc/self/stat', 'r')
  if f == nil then return -1 end
  local stat = f:read('*a')
  f:close()
  -- After the parenthesised command name: utime and stime are stat fields 14 and 15.
  local rest = stat:match('^.*%) (.*)$')
  if rest == nil then return -1 end
  local fields = {}
  for word in rest:gmatch('%S+') do fields[#fields + 1] = word end
  return (tonumber(fields[12]) or 0) + (tonumber(fields[13]) or 0)
end

function done(summary, latency, requests)
  local e = summary.errors
  local totals = { sent = 0, documents = 0, exhausted = 0, lateMsMax = 0 }
  for _, t in ipairs(threads) do
    totals.sent = totals.sent + (t:get('sent') or 0)
    totals.documents = totals.documents + (t:get('documents') or 0)
    totals.exhausted = totals.exhausted + (t:get('exhausted') or 0)
    totals.lateMsMax = math.max(totals.lateMsMax, t:get('lateMsMax') or 0)
  end
  io.write(string.format(
    'WRK_SUMMARY {"durationUs":%.0f,"requests":%.0f,"bytes":%.0f,' ..
    '"errors":{"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f},' ..
    '"latencyUs":{"p50":%.0f,"p90":%.0f,"p99":%.0f,"max":%.0f,"mean":%.1f},"cpuTicks":%.0f,' ..
    '"sent":%.0f,"documents":%.0f,"exhausted":%.0f,"lateMsMax":%.1f}\n',
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    cpuTicks(), totals.sent, totals.documents, totals.exhausted, totals.lateMsMax))
end
