#!/usr/bin/env bash
# Mutation testing with Stryker.NET on Booking.Domain and Booking.Application, then their scores.
# Slow (tens of minutes on 2 cores); not part of CI. Settings live in src/<project>/stryker-config.json.
#
#   scripts/mutation.sh                       both projects, every file
#   scripts/mutation.sh domain                one project (domain | application)
#   scripts/mutation.sh application -m '**/Booking/**/*.cs'   extra arguments go to Stryker as they are
#   scripts/mutation.sh --scores              print the scores of the last run again, without running
#
# Reports: StrykerOutput/<project>/reports/mutation-report.{json,html,md} (ignored by git).
# Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

for tool in dotnet jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 2; }
done

declare -A project_dir=([domain]=src/Booking.Domain [application]=src/Booking.Application)
# The folders issue #9 asks about, per project (paths relative to the project directory).
declare -A folders=(
  [domain]="Appointments Patients Practitioners Practitioners/SlotGenerator.cs Practitioners/WeeklySchedule.cs Practitioners/PractitionerDay.cs Practitioners/SlotIds.cs Practitioners/ScheduleParser.cs"
  [application]="Booking Privacy Notifications Reminders ManageLinks Retention Messaging"
)

scores_only=false
selected=()
while [ $# -gt 0 ]; do
  case "$1" in
    domain|application) selected+=("$1"); shift ;;
    --scores) scores_only=true; shift ;;
    *) break ;;
  esac
done
[ ${#selected[@]} -eq 0 ] && selected=(domain application)

# Prints "score% (killed+timeout/total; survived S, no coverage N)" for the files whose path matches $2.
score_of() {
  jq -r --arg prefix "$2" '
    [ .files | to_entries[] | select(.key | contains($prefix)) | .value.mutants[] | .status ] as $s
    | ($s | map(select(. == "Killed" or . == "Timeout")) | length) as $detected
    | ($s | map(select(. == "Survived")) | length) as $survived
    | ($s | map(select(. == "NoCoverage")) | length) as $uncovered
    | ($detected + $survived + $uncovered) as $valid
    | if $valid == 0 then "no mutants"
      else "\((10000 * $detected / $valid | round) / 100)% (\($detected)/\($valid) detected; survived \($survived), no coverage \($uncovered))"
      end' "$1"
}

print_scores() {
  local name=$1 report="$root/StrykerOutput/$1/reports/mutation-report.json"
  if [ ! -f "$report" ]; then echo "$name: no report at $report" >&2; return 1; fi
  local dir=${project_dir[$name]}
  printf '%-12s %s\n' "$name" "$(score_of "$report" "$dir/")"
  for folder in ${folders[$name]}; do
    printf '  %-40s %s\n' "$folder" "$(score_of "$report" "$dir/$folder")"
  done
}

status=0
if ! $scores_only; then
  dotnet tool restore >/dev/null || { echo "dotnet tool restore failed" >&2; exit 2; }
  for name in "${selected[@]}"; do
    out="$root/StrykerOutput/$name"
    rm -rf "$out"; mkdir -p "$root/StrykerOutput"
    echo "== Stryker on ${project_dir[$name]} (log: StrykerOutput/$name.log)"
    (cd "${project_dir[$name]}" && dotnet stryker --skip-version-check --output "$out" "$@") \
      >"$root/StrykerOutput/$name.log" 2>&1 || { echo "Stryker failed on $name; see StrykerOutput/$name.log" >&2; status=1; }
  done
fi

echo "== Mutation scores"
for name in "${selected[@]}"; do print_scores "$name" || status=1; done
exit $status
