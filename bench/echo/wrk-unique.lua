-- wrk load script for the Echo benchmark: every request carries a unique id
-- ("<run tag>-<thread>-<counter>"; the tag is the script argument after "--")
-- and one of a few query shapes, so no server can answer from a cache and every
-- log line differs. At the end it prints one line
-- "WRK_JSON {...}" with the raw counts and latency percentiles (microseconds)
-- that run.sh records.

local threads = {}
local users = { "alice", "bob", "carol", "dave", "erin" }
local counter = 0
local tag = "r"

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_id", #threads)
end

function init(args)
   counter = 0
   tag = args[1] or "r"
end

function request()
   counter = counter + 1
   local id = string.format("%s-%d-%d", tag, thread_id, counter)
   local user = users[(counter % #users) + 1]
   local shape = counter % 4
   local path
   if shape == 0 then
      path = "/api?id=" .. id .. "&user=" .. user .. "&tags=a&tags=b"
   elseif shape == 1 then
      path = "/api?id=" .. id .. "&user=" .. user
   elseif shape == 2 then
      path = "/api?id=" .. id .. "&user=" .. user .. "&tags=x&q=hello%20world&page=" .. (counter % 10)
   else
      path = "/api?id=" .. id .. "&user=" .. user .. "&tags=a&tags=b&tags=c&lang=en&sort=desc"
   end
   return wrk.format("GET", path)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.min, latency.mean, latency.stdev,
      latency:percentile(50), latency:percentile(75), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9), latency.max))
end
