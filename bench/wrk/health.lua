-- GET /api/health: the baseline every other scenario is compared with.
local report = dofile(os.getenv("WRK_DIR") .. "/report.lua")
setup = report.setup
wrk.path = "/api/health"
function done(summary, latency, requests) report.done("health", summary, latency) end
