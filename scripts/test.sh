#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
# Installs what the tests need on a fresh machine (NuGet packages; npm packages once tests/package.json exists).
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (https://dotnet.microsoft.com/download)." >&2
  exit 2
fi

if [ -f tests/package.json ] && command -v npm >/dev/null 2>&1; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed" >&2; exit 2; }
fi

# The browser tests drive Debian's Chromium: installed here when missing. If that fails, they fail (never skip).
scripts/install-chromium.sh || echo "chromium is not installed: the browser tests (tests/Booking.Web.Tests) will fail." >&2

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet restore Functions.sln --verbosity quiet || exit 2
dotnet build Functions.sln --no-restore --verbosity quiet -clp:ErrorsOnly || exit 2
# A test that makes no progress for 10 minutes (the longest test takes about 3 on a loaded machine) is a hang: its test
# host is stopped, the test is named in the output ("The test running when the crash occurred"), and its project counts
# as failed below.
dotnet test Functions.sln --no-build --verbosity quiet \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none
status=$?

# Mutation testing (Stryker.NET, scripts/mutation.sh): each run is one test in a TRX report beside the others, failed
# when its score is under its break threshold, so the count below includes it. No report means the script broke.
scripts/mutation.sh --trx "$results/Mutation.trx"
[ -f "$results/Mutation.trx" ] || status=1

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "${f:-0}" -eq 0 ] && grep -q '<ResultSummary outcome="Failed"' "$trx"; then
    echo "$(basename "$trx"): the test run was aborted (a hung or crashed test host; the test is named above)" >&2
    failed=$((failed + 1))
  fi
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project failed to run: count it, never report green
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
