#!/usr/bin/env bash
# The flood: a million ThreadLocals made on one line, half of them left set (the classic per-instance leak at
# scale, the program of integration-tests' FloodFixture), with the agent (default options, mode=diagnose)
# against the same JVM without it. A 2-thread pool runs 1,000 tasks that each make 1,000 objects with a
# `new ThreadLocal<>()` in their constructor, store into every second one and drop them.
#
# Runs are interleaved (none, agent, none, ...) so that load from elsewhere hits both alike. Per run: the
# program's own elapsed ms (pool start to its workers' exit, joined), the JVM's CPU ms (user + system, bash's time, start
# and shutdown included), and the heap the final System.gc() left (MiB, every pool's usage after it). Printed: the median of each,
# per configuration, then agent / none for time and agent - none for heap (targets: <= 1.5x time, <= +20 MiB).
#
#   scripts/flood-bench.sh [runs] [jdk]      (default 11 runs per configuration, at least 5; jdk 17 or 25, default 17)
#
# Environment: AGENT_JAR (default agent/target/localdrop-agent.jar, built with
# `mvn -B -q -pl agent -am package -DskipTests`), JDK17 and JDK25 (java executables), HEAP (default -Xmx512m),
# AGENT_OPTS (default: log=quiet; e.g. mode=enforce,log=quiet).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
RUNS="${1:-11}"
WHICH="${2:-17}"
if [ "$RUNS" -lt 5 ]; then
  echo "flood-bench: runs must be at least 5 (got $RUNS)" >&2
  exit 2
fi
AGENT_JAR="${AGENT_JAR:-$PWD/agent/target/localdrop-agent.jar}"
JDK17="${JDK17:-$(command -v java)}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
HEAP="${HEAP:--Xmx512m}"
AGENT_OPTS="${AGENT_OPTS:-log=quiet}"
case "$WHICH" in
  17) JAVA="$JDK17" ;;
  25) JAVA="$JDK25" ;;
  *) echo "flood-bench: jdk must be 17 or 25 (got $WHICH)" >&2; exit 2 ;;
esac
if [ ! -f "$AGENT_JAR" ]; then
  echo "flood-bench: no agent jar at $AGENT_JAR; build it: mvn -B -q -pl agent -am package -DskipTests" >&2
  exit 2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# the program of integration-tests' flood test, compiled from its one source file (it needs nothing else)
FLOOD_SOURCE=integration-tests/src/test/java/io/localdrop/it/diagnose/FloodFixture.java
JAVA_BIN="$(dirname "$(readlink -f "$JAVA")")"
"$JAVA_BIN/javac" --release 17 -d "$WORK" "$FLOOD_SOURCE"

# one run: prints "elapsed-ms cpu-ms heap-mib"
run_one() {
  local TIMEFORMAT='%U %S' out times
  out="$WORK/out.txt"
  times=$({ time "$JAVA" "$HEAP" "$@" -cp "$WORK" io.localdrop.it.diagnose.FloodFixture > "$out" 2>&1; } 2>&1) || {
    echo "flood-bench: a run failed:" >&2; cat "$out" >&2; exit 1; }
  read -r _ elapsed heap < <(grep '^flood ' "$out")
  awk -v e="$elapsed" -v h="$heap" '{ printf "%d %d %d\n", e, ($1 + $2) * 1000, h }' <<<"$times"
}

declare -A ELAPSED CPU HEAPS
run_one > /dev/null
run_one "-javaagent:$AGENT_JAR=$AGENT_OPTS" > /dev/null
for ((i = 0; i < RUNS; i++)); do
  for config in none agent; do
    if [ "$config" = none ]; then extra=(); else extra=("-javaagent:$AGENT_JAR=$AGENT_OPTS"); fi
    read -r e c h < <(run_one "${extra[@]}")
    ELAPSED[$config]+="$e "; CPU[$config]+="$c "; HEAPS[$config]+="$h "
  done
done

printf 'flood (1,000,000 ThreadLocals on one line, half set), JDK %s, %s, median of %s interleaved runs\n' \
  "$WHICH" "$HEAP" "$RUNS"
printf '%-28s %12s %12s %14s\n' "configuration" "elapsed ms" "CPU ms" "heap MiB (gc)"
declare -A M
for config in none agent; do
  M[$config.e]=$(ld_median <<<"${ELAPSED[$config]}")
  M[$config.c]=$(ld_median <<<"${CPU[$config]}")
  M[$config.h]=$(ld_median <<<"${HEAPS[$config]}")
  name="no agent"; [ "$config" = agent ] && name="agent ($AGENT_OPTS)"
  printf '%-28s %12s %12s %14s\n' "$name" "${M[$config.e]}" "${M[$config.c]}" "${M[$config.h]}"
done
awk -v ea="${M[agent.e]}" -v en="${M[none.e]}" -v ca="${M[agent.c]}" -v cn="${M[none.c]}" \
    -v ha="${M[agent.h]}" -v hn="${M[none.h]}" 'BEGIN {
  printf "%-28s %11.2fx %11.2fx %+13d\n", "agent / none (<= 1.5x, +20)", ea / en, ca / cn, ha - hn }'
printf 'runs, elapsed ms: none [%s] agent [%s]\n' "${ELAPSED[none]% }" "${ELAPSED[agent]% }"
printf 'runs, CPU ms:     none [%s] agent [%s]\n' "${CPU[none]% }" "${CPU[agent]% }"
printf 'runs, heap MiB:   none [%s] agent [%s]\n' "${HEAPS[none]% }" "${HEAPS[agent]% }"
