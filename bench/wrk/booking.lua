-- POST /api/appointments, each request a distinct free slot from $BOOKINGS_FILE (lines "slotId patientIndex"),
-- under its own Idempotency-Key, as one of the seeded patients. Thread k of n takes lines k, k+n, k+2n, ...;
-- a thread that runs out of lines stops rather than book a slot twice.
local report = dofile(os.getenv("WRK_DIR") .. "/report.lua")
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  report.setup(thread)
end

local lines, tokens = {}, {}
local cursor = 0
local key_prefix = os.getenv("BOOKINGS_FILE"):match("([%w-]+)%.txt$")
counts = {}

function init(args)
  local n = tonumber(os.getenv("WRK_THREADS"))
  local i = 0
  for line in io.lines(os.getenv("BOOKINGS_FILE")) do
    if i % n == id then table.insert(lines, { index = i, text = line }) end
    i = i + 1
  end
  for line in io.lines(os.getenv("RUN_DIR") .. "/tokens.txt") do table.insert(tokens, line) end
end

local function body(slot)
  return '{"slotId":"' .. slot .. '","patient":{"firstName":"Ermengarde","lastName":"Quillfeather",' ..
    '"email":"ermengarde@example.org","phone":"+33612345678","birthDate":"1957-03-14"},' ..
    '"reason":"Suivi","consent":{"email":true,"sms":false}}'
end

function request()
  cursor = cursor + 1
  local entry = lines[cursor]
  if entry == nil then
    wrk.thread:stop()
    return wrk.format("GET", "/api/health")
  end
  local slot, patient = entry.text:match("^(%S+) (%d+)$")
  return wrk.format("POST", "/api/appointments", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[tonumber(patient) + 1],
    ["Idempotency-Key"] = key_prefix .. "-" .. entry.index,
  }, body(slot))
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
  if status == 201 and store_operations == nil then store_operations = headers["X-Store-Operations"] end
end

function done(summary, latency, requests) report.done("booking", summary, latency) end
