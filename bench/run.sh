#!/usr/bin/env bash
# HTTP load on the local host (embedded adapters), in one run: requests/s and p50/p99 of health, slot listing,
# search over N practitioners in one city (each also for a page of one) and booking (a distinct free slot per
# request), each one's ratio to health's requests/s, the host's working set after 100,000 bookings (and where it is),
# then the in-process CPU per booking (BenchmarkDotNet). Writes bench/results/http-load-<date>.json
# and prints a table with each of issue 19's targets met or, if not, its measured reason. Slow (about 10 minutes); not part of scripts/test.sh or CI.
#
# Settings (environment): PRACTITIONERS=1000 CITY=Saint-Étienne DURATION=15 WARMUP=5 CONNECTIONS=16 THREADS=2
#                         BOOKINGS_TOTAL=100000 SKIP_BUILD=1 (reuse the last Release build)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRACTITIONERS=${PRACTITIONERS:-1000}
CITY=${CITY:-Saint-Étienne}
SEARCH_CITY=${SEARCH_CITY:-saint-etienne}   # matched ignoring case and accents, as a client would type it
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BOOKINGS_TOTAL=${BOOKINGS_TOTAL:-100000}
PATIENTS=${PATIENTS:-1000}
DATE=$(date -u +%Y-%m-%d)
RESULTS="$ROOT/bench/results/http-load-$DATE.json"
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/booking-load.XXXXXX")
DATA_DIR="$RUN_DIR/data"
DEVHOST_PID=""

log() { printf '\n== %s\n' "$*" >&2; }

cleanup() {
  if [[ -n "$DEVHOST_PID" ]] && kill -0 "$DEVHOST_PID" 2>/dev/null; then
    kill "$DEVHOST_PID" 2>/dev/null || true
    wait "$DEVHOST_PID" 2>/dev/null || true
  fi
  DEVHOST_PID=""
  [[ -n "${KEEP_RUN_DIR:-}" ]] || rm -rf "$RUN_DIR"
}
trap cleanup EXIT INT TERM

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  as_root apt-get install -y wrk >/dev/null 2>&1 || { as_root apt-get update >/dev/null && as_root apt-get install -y wrk >/dev/null; }
fi
command -v jq >/dev/null || as_root apt-get install -y jq >/dev/null
# The reliability runs start the Cosmos-protocol server and Azurite from tests/node_modules, as the test command does.
if ! command -v npm >/dev/null; then
  log "installing Node.js and npm (Debian packages)"
  as_root apt-get install -y nodejs npm >/dev/null 2>&1 || { as_root apt-get update >/dev/null && as_root apt-get install -y nodejs npm >/dev/null; }
fi
log "installing the local servers the reliability runs use (npm ci in tests/)"
(cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the DevHost and the load driver (Release)"
  dotnet build -c Release "$ROOT/src/Booking.DevHost" -nologo -v q
  dotnet build -c Release "$ROOT/bench/Booking.LoadDriver" -nologo -v q
fi
DEVHOST_DLL="$ROOT/src/Booking.DevHost/bin/Release/net10.0/Booking.DevHost.dll"
DRIVER=(dotnet "$ROOT/bench/Booking.LoadDriver/bin/Release/net10.0/Booking.LoadDriver.dll")

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
log "starting the DevHost on $BASE (data in $DATA_DIR, no demo seed)"
mkdir -p "$DATA_DIR"
# One console line per request would measure the console: at these rates its bounded queue blocks every request
# (40 % of a booking's lock waits in a profile). Warnings and errors are still logged.
dotnet "$DEVHOST_DLL" --data-dir "$DATA_DIR" --no-seed --urls "$BASE" \
  --Logging:LogLevel:Booking.DevHost.RequestLogging=Warning >"$RUN_DIR/devhost.log" 2>&1 &
DEVHOST_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$BASE/api/health" >/dev/null 2>&1 && break
  kill -0 "$DEVHOST_PID" 2>/dev/null || { cat "$RUN_DIR/devhost.log" >&2; exit 1; }
  sleep 0.5
done

log "seeding $PRACTITIONERS practitioners in $CITY, each with a published schedule, and $PATIENTS patients"
"${DRIVER[@]}" seed --base "$BASE" --out "$RUN_DIR" --practitioners "$PRACTITIONERS" --city "$CITY" \
  --patients "$PATIENTS" --fill-bookings "$BOOKINGS_TOTAL"

export RUN_DIR WRK_DIR="$ROOT/bench/wrk" WRK_THREADS="$THREADS" SEARCH_CITY
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# wrk_run SCRIPT SECONDS RESULT_FILE [BOOKINGS_FILE] [PAGE_LIMIT]
wrk_run() {
  if [[ -n "${5:-}" ]]; then export PAGE_LIMIT="$5"; else unset PAGE_LIMIT; fi
  RESULT_FILE="$3" BOOKINGS_FILE="${4:-}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 10s \
    -s "$WRK_DIR/$1.lua" "$BASE" >"$3.txt"
}

measure() { # SCENARIO [BOOKINGS_FILE for the warm-up] [BOOKINGS_FILE for the run]
  log "$1: ${WARMUP}s warm-up, then ${DURATION}s with $CONNECTIONS connections"
  wrk_run "$1" "$WARMUP" "$RUN_DIR/$1-warmup.json" "${2:-}"
  wrk_run "$1" "$DURATION" "$RUN_DIR/$1.json" "${3:-}"
  jq -c '{scenario, rps, p50Ms, p99Ms, statuses, errors}' "$RUN_DIR/$1.json" >&2
}

# The same route asked for a page of one item: what every request of it pays, whatever the page (the report's reason
# when a page misses its target).
measure_page_of_one() { # SCRIPT
  log "$1, a page of one: ${WARMUP}s warm-up, then ${DURATION}s with $CONNECTIONS connections"
  wrk_run "$1" "$WARMUP" "$RUN_DIR/$1-1-warmup.json" "" 1
  wrk_run "$1" "$DURATION" "$RUN_DIR/$1-1.json" "" 1
  jq -c '{scenario, rps, p50Ms, p99Ms, statuses, errors}' "$RUN_DIR/$1-1.json" >&2
}

measure health
measure slots
measure_page_of_one slots
measure search
measure_page_of_one search
measure booking "$RUN_DIR/warm-bookings.txt" "$RUN_DIR/wrk-bookings.txt"
log "health again, so the baseline spans the run"
wrk_run health "$DURATION" "$RUN_DIR/health-after.json"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

BOOKED=$(jq -s 'map(.statuses["201"] // 0) | add' "$RUN_DIR/booking-warmup.json" "$RUN_DIR/booking.json")
log "booking up to $BOOKINGS_TOTAL in all ($BOOKED so far)"
"${DRIVER[@]}" book --base "$BASE" --in "$RUN_DIR/fill-bookings.txt" --tokens "$RUN_DIR/tokens.txt" \
  --target $((BOOKINGS_TOTAL - BOOKED)) --concurrency 32 | tee "$RUN_DIR/fill.txt" >&2
FILLED=$(grep -o 'booked [0-9]*' "$RUN_DIR/fill.txt" | cut -d' ' -f2)
# Let the confirmations the bookings raised drain from the embedded bus first: each email opens the patient's
# details through the access log (one durable append each), so they trail the bookings by a while.
log "waiting for the confirmations to drain (the access log stops growing)"
last=-1; still=0
for _ in $(seq 1 300); do
  size=$(du -sb "$DATA_DIR/access-log" 2>/dev/null | cut -f1); size=${size:-0}
  if [[ "$size" == "$last" ]]; then still=$((still + 1)); else still=0; fi
  [[ $still -ge 3 ]] && break
  last=$size; sleep 2
done
WORKING_SET_KB=$(awk '/^VmRSS/ {print $2}' "/proc/$DEVHOST_PID/status")
PEAK_KB=$(awk '/^VmHWM/ {print $2}' "/proc/$DEVHOST_PID/status")
MEMORY=$(curl -fsS "$BASE/dev/memory")
DATA_MB=$(du -sm "$DATA_DIR" | cut -f1)
STORE_OPERATIONS=$(jq -r '.storeOperations // ""' "$RUN_DIR/booking.json")
log "stopping the DevHost (memory: $MEMORY)"
kill "$DEVHOST_PID"; wait "$DEVHOST_PID" 2>/dev/null || true; DEVHOST_PID=""

# In-process CPU per booking: the booking use case on the embedded store with nothing else running, 12 iterations.
log "BenchmarkDotNet: CPU per booking (12 iterations of 2,000 bookings, real sealing and a pass-through cipher)"
dotnet run -c Release --project "$ROOT/bench/Booking.Benchmarks" -- --filter '*BookingBenchmarks*' \
  --warmupCount 3 --iterationCount 12 --exporters json --artifacts "$RUN_DIR/bdn" >"$RUN_DIR/bdn.txt" 2>&1 \
  || { tail -30 "$RUN_DIR/bdn.txt" >&2; exit 1; }
BDN_JSON=$(ls "$RUN_DIR"/bdn/results/*BookingBenchmarks*-report-full*.json | head -1)
WALL_US=$(jq '[.Benchmarks[] | select(.Parameters == "PassThroughCipher=False") | .Statistics.Mean][0] / 1000 | . * 10 | round / 10' "$BDN_JSON")
# The benchmark prints the process's CPU per booking (hand-off included) for each cipher.
cpu_us() { grep -o "CPU per booking: PassThroughCipher=$1 [0-9.]*" "$RUN_DIR/bdn.txt" | tail -1 | awk '{print $NF}'; }
CPU_US=$(cpu_us False)
CPU_PASS_US=$(cpu_us True)

jq -n --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --arg machine "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(. /etc/os-release && echo "$PRETTY_NAME")" \
  --arg dotnet "$(dotnet --version)" --arg wrk "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)" \
  --arg loadBefore "$LOAD_BEFORE" --arg loadAfter "$LOAD_AFTER" --arg loadEnd "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson practitioners "$PRACTITIONERS" --arg city "$CITY" --argjson patients "$PATIENTS" \
  --argjson connections "$CONNECTIONS" --argjson threads "$THREADS" --argjson seconds "$DURATION" --argjson warmup "$WARMUP" \
  --argjson bookingsTotal $((BOOKED + FILLED)) --argjson ws "$WORKING_SET_KB" --argjson peak "$PEAK_KB" --argjson dataMb "$DATA_MB" \
  --argjson memory "$MEMORY" --arg storeOperations "$STORE_OPERATIONS" --argjson cpuUs "$CPU_US" --argjson cpuPassUs "$CPU_PASS_US" --argjson wallUs "$WALL_US" \
  '{date: $date, machine: $machine, dotnet: $dotnet, loadGenerator: $wrk,
    loadAverage: {beforeLoad: $loadBefore, afterLoad: $loadAfter, atEnd: $loadEnd},
    practitioners: $practitioners, city: $city, patients: $patients,
    connections: $connections, wrkThreads: $threads, secondsPerScenario: $seconds, warmupSeconds: $warmup,
    bookingsTotal: $bookingsTotal, workingSetMb: ($ws / 1024 | floor), peakWorkingSetMb: ($peak / 1024 | floor), dataDirectoryMb: $dataMb,
    memory: $memory, bookingStoreOperations: $storeOperations, cpuPerBookingUs: $cpuUs, cpuPerBookingPassThroughUs: $cpuPassUs, bookingOneAfterAnotherUs: $wallUs,
    note: "The machine is shared: other tenants load its 2 cores during the run (see loadAverage); ratios to health measured in the same run are what compare."}' \
  >"$RUN_DIR/meta.json"

mkdir -p "$(dirname "$RESULTS")"
log "results ($RESULTS); load average $LOAD_BEFORE -> $LOAD_AFTER on $(nproc) cores"
"${DRIVER[@]}" report --dir "$RUN_DIR" --out "$RESULTS"

cleanup
trap - EXIT INT TERM

if compgen -G "$ROOT/bench/Booking.Reliability/*.csproj" >/dev/null; then
  log "reliability: contention and faults (bench/Booking.Reliability)"
  dotnet run -c Release --project "$ROOT/bench/Booking.Reliability" -- all
fi
