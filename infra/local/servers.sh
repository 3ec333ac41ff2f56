#!/usr/bin/env bash
# Starts or stops the local servers, without Docker: Azurite and the Cosmos DB-protocol server
# (tests/cosmos-compat over @vercel/cosmosdb-server), both from tests/package.json, and the Service Bus stand-in
# (tests/Booking.ServiceBusStandIn, entities from infra/local/servicebus-config.json), on free loopback ports.
#   eval "$(infra/local/servers.sh start)"   # prints export lines for COSMOS_*, AZURE_STORAGE_CONNECTION_STRING
#                                            # and SERVICEBUS_CONNECTION_STRING
#   infra/local/servers.sh stop              # stops exactly what start started (PID files in the state dir)
# State: $BOOKING_LOCAL_STATE or .local-servers/ at the repository root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="${BOOKING_LOCAL_STATE:-$root/.local-servers}"
tests="$root/tests"
cosmos_key='C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=='
azurite_key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

wait_for() { # wait_for SECONDS COMMAND...
  local deadline=$((SECONDS + $1)); shift
  until "$@" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A PID file is trusted only while that process still runs what we started (PIDs are reused).
ours() { # ours NAME PATTERN
  local pid_file="$state/$1.pid" pid
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file")"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

start() {
  if ours cosmos cosmos-compat/server.js || ours azurite azurite || ours servicebus Booking.ServiceBusStandIn; then
    cat "$state/env"
    return 0
  fi
  command -v node >/dev/null || { echo "node (20 or later) is required" >&2; exit 2; }
  command -v dotnet >/dev/null || { echo "dotnet (the SDK in global.json) is required" >&2; exit 2; }
  [ -d "$tests/node_modules" ] || (cd "$tests" && npm ci --no-audit --no-fund --loglevel=error) >&2
  mkdir -p "$state/azurite"

  # Built once into the state dir (not bin/), so a running stand-in never locks the developer's build output.
  local standin="$state/servicebus-standin/Booking.ServiceBusStandIn.dll"
  if [ ! -f "$standin" ] || [ -n "$(find "$root/tests/Booking.ServiceBusStandIn" -name '*.cs' -newer "$standin" -print -quit)" ]; then
    dotnet build "$root/tests/Booking.ServiceBusStandIn" -c Release -o "$state/servicebus-standin" --nologo -v quiet >&2 \
      || { echo "the Service Bus stand-in did not build" >&2; exit 1; }
  fi
  dotnet "$standin" --port 0 --config "$root/infra/local/servicebus-config.json" >"$state/servicebus.log" 2>&1 &
  echo $! >"$state/servicebus.pid"

  (cd "$tests" && exec node cosmos-compat/server.js --port 0 --host 127.0.0.1) >"$state/cosmos.log" 2>&1 &
  echo $! >"$state/cosmos.pid"

  local blob queue table
  blob="$(free_port)"; queue="$(free_port)"; table="$(free_port)"
  node "$tests/node_modules/azurite/dist/src/azurite.js" --silent --disableTelemetry --skipApiVersionCheck \
    --location "$state/azurite" --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$state/azurite.log" 2>&1 &
  echo $! >"$state/azurite.pid"

  wait_for 30 grep -q "Ready to accept" "$state/cosmos.log" || { echo "the Cosmos server did not start; see $state/cosmos.log" >&2; stop >&2; exit 1; }
  wait_for 30 port_open "$table" || { echo "Azurite did not start; see $state/azurite.log" >&2; stop >&2; exit 1; }
  wait_for 30 grep -q "ServiceBusStandIn ready" "$state/servicebus.log" || { echo "the Service Bus stand-in did not start; see $state/servicebus.log" >&2; stop >&2; exit 1; }
  local servicebus
  servicebus="$(sed -n 's/^ServiceBusStandIn ready port=[0-9]* connection=//p' "$state/servicebus.log" | head -1)"
  local cosmos_port
  cosmos_port="$(sed -n 's/.*connections at [^:]*:\([0-9]*\).*/\1/p' "$state/cosmos.log" | head -1)"
  local account="AccountName=devstoreaccount1;AccountKey=$azurite_key"
  cat >"$state/env" <<ENV
export COSMOS_ENDPOINT=https://127.0.0.1:$cosmos_port/
export COSMOS_KEY='$cosmos_key'
export AZURE_STORAGE_CONNECTION_STRING='DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;'
export SERVICEBUS_CONNECTION_STRING='$servicebus'
ENV
  cat "$state/env"
}

stop() {
  local name pattern pid
  for entry in "cosmos:cosmos-compat/server.js" "azurite:azurite" "servicebus:Booking.ServiceBusStandIn"; do
    name="${entry%%:*}"; pattern="${entry#*:}"
    if ours "$name" "$pattern"; then
      pid="$(cat "$state/$name.pid")"
      kill "$pid" 2>/dev/null || true
      wait_for 10 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
      echo "stopped $name (pid $pid)" >&2
    fi
    rm -f "$state/$name.pid"
  done
  rm -f "$state/env"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
