-- wrk load script for the admission webhook benchmark: POSTs AdmissionReview v1
-- requests for Deployments (~3 KiB of compact JSON each) with
-- Content-Type: application/json, cycling through the variants given as script
-- arguments, and gives every request a unique uid.
--
--   wrk ... -s wrk-reviews.lua https://127.0.0.1:PORT/validate -- RUNTAG FILE [FILE...]
--
-- RUNTAG is a number (0..2^32-1) that makes uids unique across runs. Each FILE is a
-- compact AdmissionReview whose request.uid is the 36-character placeholder
-- 00000000-0000-0000-0000-000000000000; every request replaces it with
-- "<runtag 8 hex>-<thread 4 hex>-4000-8000-<counter 12 hex>" (a well-formed UUID,
-- same length, so Content-Length does not change).
--
-- response() counts answers that are not 2xx (wrk itself only counts >= 400) and
-- the "allowed" value of each answer. done() prints one line
-- "WRK_JSON {...}" with the raw counts and latency percentiles (microseconds)
-- that run.sh records.

local PLACEHOLDER = "00000000-0000-0000-0000-000000000000"

local threads = {}
local heads, tails = {}, {}
local counter = 0
local runtag = 0

-- per-thread counters, read by done() through thread:get()
non2xx = 0
allowed_true = 0
allowed_false = 0
allowed_unknown = 0

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_id", #threads)
end

local function read_file(path)
   local f = assert(io.open(path, "rb"))
   local s = f:read("*a")
   f:close()
   return s
end

function init(args)
   runtag = tonumber(args[1]) or 0
   assert(#args >= 2, "wrk-reviews.lua: give a run tag and at least one review file")
   wrk.headers["Content-Type"] = "application/json"
   for i = 2, #args do
      local body = read_file(args[i])
      -- Build the whole request once, then split it around the placeholder:
      -- a request is then two string concatenations.
      local req = wrk.format("POST", nil, nil, body)
      local s, e = string.find(req, PLACEHOLDER, 1, true)
      assert(s, "wrk-reviews.lua: no uid placeholder in " .. args[i])
      table.insert(heads, string.sub(req, 1, s - 1))
      table.insert(tails, string.sub(req, e + 1))
   end
   counter = 0
end

function request()
   counter = counter + 1
   local v = (counter % #heads) + 1
   local uid = string.format("%08x-%04x-4000-8000-%012x", runtag, thread_id, counter)
   return heads[v] .. uid .. tails[v]
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
   if string.find(body, '"allowed"%s*:%s*true') then
      allowed_true = allowed_true + 1
   elseif string.find(body, '"allowed"%s*:%s*false') then
      allowed_false = allowed_false + 1
   else
      allowed_unknown = allowed_unknown + 1
   end
end

function done(summary, latency, requests)
   local n2, at, af, au = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      n2 = n2 + (t:get("non2xx") or 0)
      at = at + (t:get("allowed_true") or 0)
      af = af + (t:get("allowed_false") or 0)
      au = au + (t:get("allowed_unknown") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"non2xx":%d},' ..
      '"answers":{"allowed":%d,"denied":%d,"unparsed":%d},' ..
      '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout, n2,
      at, af, au,
      latency.min, latency.mean, latency.stdev,
      latency:percentile(50), latency:percentile(75), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9), latency.max))
end
