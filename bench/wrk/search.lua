-- GET /api/practitioners?city=... : every seeded practitioner is in that one city, each with its first free slots;
-- with PAGE_LIMIT=1, a page of one practitioner ("search-1").
local report = dofile(os.getenv("WRK_DIR") .. "/report.lua")
setup = report.setup
local limit = os.getenv("PAGE_LIMIT")
wrk.path = "/api/practitioners?city=" .. os.getenv("SEARCH_CITY") .. (limit and ("&limit=" .. limit) or "")
function done(summary, latency, requests) report.done(limit and ("search-" .. limit) or "search", summary, latency) end
