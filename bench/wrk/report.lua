-- Shared by every scenario: writes wrk's figures for one scenario to $RESULT_FILE (JSON) for the report.
local report = {}
report.threads = {}

function report.setup(thread)
  table.insert(report.threads, thread)
end

local function ms(us) return us / 1000.0 end

function report.done(name, summary, latency)
  local statuses = {}
  for _, thread in ipairs(report.threads) do
    local counts = thread:get("counts")
    if counts then
      for status, n in pairs(counts) do statuses[status] = (statuses[status] or 0) + n end
    end
  end
  local store_operations = ""
  for _, thread in ipairs(report.threads) do
    store_operations = thread:get("store_operations") or store_operations
  end
  local parts = {}
  for status, n in pairs(statuses) do table.insert(parts, string.format('"%s":%d', status, n)) end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local json = string.format(
    '{"scenario":"%s","requests":%d,"seconds":%.3f,"rps":%.1f,"meanMs":%.3f,"p50Ms":%.3f,"p90Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"statuses":{%s},"storeOperations":"%s"}\n',
    name, summary.requests, seconds, summary.requests / seconds, ms(latency.mean),
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ","), store_operations)
  local file = assert(io.open(os.getenv("RESULT_FILE"), "w"))
  file:write(json)
  file:close()
end

return report
