#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the local tool of .config/dotnet-tools.json), part of scripts/test.sh: a full run on
# Booking.Domain and one on the rule-heavy folders of Booking.Application, each held to the break threshold of its
# src/<project>/stryker-config.json (which also lists what it mutates). Needs the .NET SDK and python3.
#
#   scripts/mutation.sh                          both runs; exits 0 only if each is at or above its break threshold
#   scripts/mutation.sh domain                   one run (domain | application)
#   scripts/mutation.sh application -m '**/Holds/**/*.cs'   extra arguments go to Stryker as they are (a partial run:
#                                                its score covers those files only, and is not held to the threshold)
#   scripts/mutation.sh --trx FILE               also writes each run's outcome to FILE (a TRX test report: one test per
#                                                run, failed under its threshold), which scripts/test.sh counts
#   scripts/mutation.sh --scores                 prints the scores of the last runs again, without running
#
# Reports: StrykerOutput/<run>/reports/mutation-report.{json,html}, Stryker's log in StrykerOutput/<run>.log (ignored by git).
# Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

for tool in dotnet python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 2; }
done

declare -A project_dir=([domain]=src/Booking.Domain [application]=src/Booking.Application)
# The folders whose scores are printed beside each run's (paths relative to the project directory).
declare -A folders=(
  [domain]="Appointments Common Partners Patients Practitioners Practitioners/ScheduleParser.cs Practitioners/VisitTypeParser.cs"
  [application]="Booking/VisitRules.cs Paging Paging/PageCursors.cs"
)
# A run that takes longer than this is stuck (the runs take a few minutes on 2 cores): it is stopped and fails.
timeout_seconds=${MUTATION_TIMEOUT_SECONDS:-1200}

scores_only=false
trx=""
selected=()
while [ $# -gt 0 ]; do
  case "$1" in
    domain|application) selected+=("$1"); shift ;;
    --scores) scores_only=true; shift ;;
    --trx) trx=$2; shift 2 ;;
    *) break ;;
  esac
done
[ ${#selected[@]} -eq 0 ] && selected=(domain application)
partial=$([ $# -gt 0 ] && echo true || echo false)

# Prints "<score> <detected> <valid> <survived> <uncovered>" of the mutants whose file path contains $2 ("-" when none).
score_of() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
report, prefix = sys.argv[1], sys.argv[2]
statuses = [m["status"] for path, f in json.load(open(report, encoding="utf-8-sig"))["files"].items() if prefix in path for m in f["mutants"]]
detected = sum(s in ("Killed", "Timeout") for s in statuses)
survived = statuses.count("Survived")
uncovered = statuses.count("NoCoverage")
valid = detected + survived + uncovered
print(f"{100 * detected / valid:.2f}" if valid else "-", detected, valid, survived, uncovered)
EOF
}

below() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' "$1" "$2"; }

describe() { # score detected valid survived uncovered
  [ "$1" = "-" ] && { echo "no mutants"; return; }
  echo "$1% ($2/$3 detected; survived $4, no coverage $5)"
}

break_of() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["stryker-config"]["thresholds"]["break"])' "${project_dir[$1]}/stryker-config.json"
}

# Each run's outcome: name, passed|failed, seconds, message.
outcomes=()

run() {
  local name=$1; shift
  local out="$root/StrykerOutput/$name" log="$root/StrykerOutput/$name.log"
  rm -rf "$out"
  echo "== Stryker on ${project_dir[$name]} (log: StrykerOutput/$name.log)"
  local start=$SECONDS
  (cd "${project_dir[$name]}" && timeout -k 30 "$timeout_seconds" dotnet stryker --skip-version-check --output "$out" "$@") >"$log" 2>&1
  local code=$? seconds=$((SECONDS - start))
  report "$name" "$code" "$seconds"
}

# Prints the run's scores and records its outcome. $2: Stryker's exit code ("-" when it did not run now), $3: seconds.
report() {
  local name=$1 code=$2 seconds=$3 report="$root/StrykerOutput/$1/reports/mutation-report.json" threshold
  threshold=$(break_of "$name")
  if [ ! -f "$report" ]; then
    local why="no report"
    [ "$code" = 124 ] && why="stopped after ${timeout_seconds} s"
    echo "mutation $name: failed, ${why}; see StrykerOutput/$name.log" >&2
    outcomes+=("$name|failed|$seconds|Stryker failed ($why, exit code $code); see StrykerOutput/$name.log")
    return
  fi
  local score detected valid survived uncovered
  read -r score detected valid survived uncovered <<<"$(score_of "$report" "${project_dir[$name]}/")"
  local verdict=passed
  if [ "$score" = "-" ] || below "$score" "$threshold"; then
    verdict=failed
  fi
  $partial && verdict=partial # some files only: not held to the threshold
  local summary
  summary="$(describe "$score" "$detected" "$valid" "$survived" "$uncovered"), break ${threshold}%"
  [ "$code" != "-" ] && summary="$summary, ${seconds} s"
  echo "mutation $name: $summary: $verdict"
  for folder in ${folders[$name]}; do
    printf '  %-40s %s\n' "$folder" "$(describe $(score_of "$report" "${project_dir[$name]}/$folder"))"
  done
  outcomes+=("$name|$verdict|$seconds|mutation score $summary")
}

if $scores_only; then
  for name in "${selected[@]}"; do report "$name" - 0; done
else
  mkdir -p "$root/StrykerOutput"
  if ! dotnet tool restore >"$root/StrykerOutput/tool-restore.log" 2>&1; then
    echo "dotnet tool restore failed; see StrykerOutput/tool-restore.log" >&2
    for name in "${selected[@]}"; do outcomes+=("$name|failed|0|dotnet tool restore failed; see StrykerOutput/tool-restore.log"); done
  else
    for name in "${selected[@]}"; do run "$name" "$@"; done
  fi
fi

if [ -n "$trx" ]; then
  mkdir -p "$(dirname "$trx")"
  printf '%s\n' "${outcomes[@]}" | python3 "$root/scripts/mutation-trx.py" "$trx"
fi

status=0
for outcome in "${outcomes[@]}"; do
  [[ "$outcome" == *"|failed|"* ]] && status=1
done
exit $status
