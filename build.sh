#!/usr/bin/env bash
# One entry point for people and CI.
#   ./build.sh run    serve the app on http://localhost:5265
#   ./build.sh test   install what is missing (Chromium; Redis and HAProxy for the cluster tests), build with warnings
#                     as errors, run every test (unit, component, API, browser, two-instance cluster) and print
#                     "N passed, N failed, N skipped" from the results.
set -uo pipefail
cd "$(dirname "$0")"

RESULTS="${RESULTS_DIR:-$PWD/artifacts/test-results}"

# A bare CI environment may lack these; the .NET SDK needs a home folder for its caches.
if [ -z "${HOME:-}" ]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }
# shellcheck source=deploy/apt-install.sh
. deploy/apt-install.sh

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then echo "$CHROMIUM_PATH"; return 0; fi
  for candidate in /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

# What the tests need besides the SDK: Chromium (browser tests), Redis, HAProxy and curl (cluster tests). Whatever is
# missing is installed from Debian's packages in one go.
ensure_test_tools() {
  local missing=()
  find_chromium >/dev/null || ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1 || missing+=(chromium)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing what the tests need: ${missing[*]}"
  apt_install "${missing[@]}" || return 1
  if [[ " ${missing[*]} " == *" chromium "* ]] && ! find_chromium >/dev/null; then
    echo "chromium was installed but no executable was found." >&2
    return 1
  fi
}

# Sums the counters of every TRX file: "passed failed skipped".
count_results() {
  local passed=0 failed=0 skipped=0 total executed
  shopt -s nullglob
  for trx in "$RESULTS"/*.trx; do
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$(get total); executed=$(get executed)
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    skipped=$((skipped + total - executed))
  done
  echo "$passed $failed $skipped"
}

run_tests() {
  ensure_test_tools || return 1
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(find_chromium || true)}"

  log "Restore and build (warnings are errors)"
  if ! dotnet build Baricitinib.sln -nologo -clp:NoSummary; then
    echo "BUILD FAILED: see the errors above."
    echo "0 passed, 1 failed, 0 skipped"
    return 1
  fi

  log "Tests: unit, component, API and browser"
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"
  export E2E_ARTIFACTS="$RESULTS"
  dotnet test Baricitinib.sln --no-build -nologo --results-directory "$RESULTS" \
    --logger "trx" --logger "console;verbosity=minimal"
  local status=$?

  read -r passed failed skipped < <(count_results)
  local trx_count
  trx_count=$(ls "$RESULTS"/*.trx 2>/dev/null | wc -l)
  if [ "$trx_count" -lt 4 ]; then
    echo "Expected results from 4 test projects, found $trx_count."
    status=1
  fi
  if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
    echo "Under CI no test may be skipped ($skipped were)."
    status=1
  fi
  if [ $((passed + failed)) -eq 0 ]; then
    echo "No test ran."
    status=1
  fi
  echo "Screenshots and traces of the browser tests: $RESULTS/e2e"
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
}

case "${1:-test}" in
  run) exec dotnet run --project src/Baricitinib.Web ;;
  test) run_tests ;;
  *) echo "usage: ./build.sh [run|test]" >&2; exit 2 ;;
esac
