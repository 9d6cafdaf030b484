#!/usr/bin/env bash
# Runs all of localdrop's tests: the whole Maven build on JDK 17, then every test again in forked
# test JVMs on JDK 25 (when that JDK is here), with real containers. `.ci/run` runs exactly this.
#
#   scripts/test.sh [extra Maven arguments...]
#
# Container tests need a Docker engine and the localdrop/jdk images: scripts/setup-containers.sh
# makes them, and when it cannot, this run FAILS. LOCALDROP_SKIP_CONTAINERS=1 skips them on
# purpose (they then report as skipped, and it says so loudly). The HTML report's browser tests need
# Chromium: scripts/setup-chromium.sh installs Debian's package, and when it cannot, this run FAILS too.
# Environment: JAVA17_HOME, JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64).
# Each run's Surefire reports are kept under target/test-runs/<jdk>/.
set -euo pipefail
LD_NAME='test'
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
exec </dev/null

RUNS_DIR=target/test-runs
start=$(ld_now)
status=0
summary=()
total_passed=0 total_failed=0 total_skipped=0

# Removes containers that Testcontainers left behind (no Ryuk here to do it).
cleanup_containers() {
  local ids
  ld_docker_ok || return 0
  ids=$(docker ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)
  if [ -n "$ids" ]; then
    ld_log "removing $(wc -w <<<"$ids") leftover Testcontainers container(s)"
    # shellcheck disable=SC2086 # one id per word
    docker rm -f $ids >/dev/null 2>&1 || true
  fi
}
trap 'cleanup_containers; exit 130' INT TERM

# Every module's Surefire/Failsafe report folder, the copies under $RUNS_DIR excluded.
report_dirs() {
  find . \( -path ./.git -o -path "./$RUNS_DIR" \) -prune -o -type d \
    \( -name surefire-reports -o -name failsafe-reports \) -path '*/target/*' -prune -print0
}

# "tests failures errors skipped" summed over the TEST-*.xml files under a directory.
sum_reports() {
  find "$1" -name 'TEST-*.xml' -type f -exec awk '
    function attr(line, name,   s) {
      if (!match(line, "[ \t]" name "=\"[0-9]+\"")) return 0
      s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); return s + 0
    }
    FNR == 1 { seen = 0 }
    !seen && /<testsuite[ \t>]/ {
      t += attr($0, "tests"); f += attr($0, "failures"); e += attr($0, "errors"); s += attr($0, "skipped")
      seen = 1
    }
    END { print t + 0, f + 0, e + 0, s + 0 }' {} + |
    awk '{ t += $1; f += $2; e += $3; s += $4 } END { print t + 0, f + 0, e + 0, s + 0 }'
}

# run_maven LABEL [maven args...]: one full `mvn verify`, its reports copied to $RUNS_DIR/LABEL.
run_maven() {
  local label=$1 run_start rc=0 dest tests failures errors skipped passed failed note
  shift
  dest="$RUNS_DIR/$label"
  report_dirs | xargs -0 -r rm -rf   # a module that does not run this time must not count twice
  ld_log "=== $label: mvn $* ==="
  run_start=$(ld_now)
  mvn "$@" || rc=$?
  mkdir -p "$dest"
  report_dirs | xargs -0 -r cp -r --parents -t "$dest"   # with the dumps of crashed forks
  read -r tests failures errors skipped < <(sum_reports "$dest")
  passed=$((tests - failures - errors - skipped))
  failed=$((failures + errors))
  note=""
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # a compile error, a crashed test JVM or a failing plugin leaves no failed test behind
    failed=1
    note=" + BUILD FAILED with no failed test in the reports (counted as 1 failure)"
  fi
  summary+=("$(printf '%-7s %4d tests: %4d passed, %3d failed, %3d errored, %3d skipped; mvn exit %d; %s%s' \
    "$label" "$tests" "$passed" "$failures" "$errors" "$skipped" "$rc" "$(ld_since "$run_start")" "$note")")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  if [ "$failed" -ne 0 ]; then status=1; fi
  if [ "$tests" -eq 0 ] && [ "$rc" -eq 0 ]; then
    ld_loud "$label: NO TEST RAN (no TEST-*.xml report found)"
    status=1
  fi
}

jdk17=$(ld_jdk17_home) || { ld_loud "No JDK 17 found: set JAVA17_HOME."; exit 1; }
export JAVA_HOME=$jdk17
maven_args=(-B -ntp -fae verify)

if [ "${LOCALDROP_SKIP_CONTAINERS:-}" = 1 ]; then
  ld_loud "LOCALDROP_SKIP_CONTAINERS=1: CONTAINER TESTS ARE NOT RUN (they report as skipped)." \
    "This is not a full test run."
  maven_args+=(-Dlocaldrop.containers=skip)
elif ! ld_timed "container set-up" scripts/setup-containers.sh; then
  ld_loud "Container set-up failed, so this test run FAILS (see above)." \
    "To run the other tests anyway: LOCALDROP_SKIP_CONTAINERS=1 scripts/test.sh"
  exit 1
fi
if ! ld_timed "browser set-up" scripts/setup-chromium.sh; then
  ld_loud "Browser set-up failed, so this test run FAILS (see above): the HTML report's browser tests need Chromium."
  exit 1
fi
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost

rm -rf "$RUNS_DIR"
run_maven jdk17 "${maven_args[@]}" "$@"
if jdk25=$(ld_jdk25_home); then
  run_maven jdk25 "${maven_args[@]}" "-Djvm=$jdk25/bin/java" -Dlocaldrop.test.jdk=25 "$@"
else
  ld_loud "JDK 25 not found at $(ld_jdk25_expected): testing JDK 17 only"
  summary+=("jdk25   not run: JDK 25 not found at $(ld_jdk25_expected)")
fi
cleanup_containers

echo
echo "==================== localdrop test summary ===================="
printf '%s\n' "${summary[@]}"
echo "reports: $RUNS_DIR/   wall time: $(ld_since "$start")"
if [ "${LOCALDROP_SKIP_CONTAINERS:-}" = 1 ]; then echo "CONTAINER TESTS WERE SKIPPED (LOCALDROP_SKIP_CONTAINERS=1)"; fi
echo "================================================================="
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$status"
