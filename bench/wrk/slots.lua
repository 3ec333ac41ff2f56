-- GET /api/practitioners/{id}/slots (the default week) of a practitioner drawn at random from the seeded ones.
local report = dofile(os.getenv("WRK_DIR") .. "/report.lua")
setup = report.setup
local ids = {}

function init(args)
  for line in io.lines(os.getenv("RUN_DIR") .. "/practitioners.txt") do table.insert(ids, line) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", "/api/practitioners/" .. ids[math.random(#ids)] .. "/slots")
end

function done(summary, latency, requests) report.done("slots", summary, latency) end
