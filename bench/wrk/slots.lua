-- GET /api/practitioners/{id}/slots (the default week) of a practitioner drawn at random from the seeded ones;
-- with PAGE_LIMIT=1, a page of one slot ("slots-1": what every listing pays whatever its size).
local report = dofile(os.getenv("WRK_DIR") .. "/report.lua")
setup = report.setup
local ids = {}
local limit = os.getenv("PAGE_LIMIT")
local query = limit and ("?limit=" .. limit) or ""

function init(args)
  for line in io.lines(os.getenv("RUN_DIR") .. "/practitioners.txt") do table.insert(ids, line) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", "/api/practitioners/" .. ids[math.random(#ids)] .. "/slots" .. query)
end

function done(summary, latency, requests) report.done(limit and ("slots-" .. limit) or "slots", summary, latency) end
