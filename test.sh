#!/usr/bin/env bash
# Runs every check and test of the repository: the README's second command, and what CI runs.
# Installs what the tests need that a fresh machine lacks, builds warning-free, checks formatting,
# runs all test projects and ends with the totals on a line of their own.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

# PostgreSQL: the integration tests start a throwaway server from the installed binaries.
if ! command -v initdb >/dev/null 2>&1; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pgbin" ] && [ "$(id -u)" = "0" ]; then
    log "Installing PostgreSQL"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [ -n "$pgbin" ] && export PATH="$pgbin:$PATH"
fi

# Chromium: the dashboard tests drive Debian's Chromium with Playwright (it cannot download its own).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ]; then
  log "Installing Chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

log "Restoring and building (warnings are errors)"
dotnet build Partnership.sln -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log "Checking formatting (dotnet format --verify-no-changes)"
format_failed=0
dotnet format Partnership.sln --verify-no-changes --no-restore -v quiet || format_failed=1

# buf: lint, and no breaking change since the last release (docs/api.md); each counts as one check.
log "Checking the protos (buf lint, buf breaking)"
buf_output=$(bash tools/buf/check.sh 2>&1)
buf_status=$?
printf '%s\n' "$buf_output"
buf_passed=$(grep -c ': passed$' <<<"$buf_output")
buf_failed=$(grep -c ': failed$' <<<"$buf_output")
if [ "$buf_status" -ne 0 ] && [ "$buf_failed" -eq 0 ]; then
  buf_failed=1 # buf could not be installed or run
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

log "Running tests"
status=0
dotnet test Partnership.sln -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=tests" --results-directory "$results" "$@" || status=$?

# Sum the outcome counters of every test run (one .trx per test project).
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

passed=$((passed + buf_passed))
failed=$((failed + buf_failed))

if [ "$format_failed" -ne 0 ]; then
  echo "Formatting check failed: run 'dotnet format Partnership.sln'."
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host crash produces no counted failure; count it so the run cannot look green.
  failed=1
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
