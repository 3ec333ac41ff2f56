-- GET /api/practitioners?city=... : every seeded practitioner is in that one city, each with its first free slots.
local report = dofile(os.getenv("WRK_DIR") .. "/report.lua")
setup = report.setup
wrk.path = "/api/practitioners?city=" .. os.getenv("SEARCH_CITY")
function done(summary, latency, requests) report.done("search", summary, latency) end
