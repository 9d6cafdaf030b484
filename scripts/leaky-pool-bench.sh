#!/usr/bin/env bash
# A leaky pool: 8 threads, 100 short tasks in flight, each leaving per-thread state behind
# (benchmarks/.../pools/LeakyPoolProgram.java, compiled from its one source file), with the agent (default
# options, mode=diagnose) against the same JVM without it. Where the flood measures one line making a million
# ThreadLocals, this measures what a task end costs when it finds something at every end: a pool whose tasks
# each leave a ThreadLocal of their own (leaks p) or a user and an MDC-like map (u, m).
#
# Runs are interleaved (none, agent, none, ...). Per run: the tasks that ended in the time. Printed: each run,
# the median of each configuration, and agent / none of the medians (no target of its own: issue 11's pool
# target is for a correct pool, scripts/bench-diagnose.sh --only PoolThroughputBenchmark).
#
#   scripts/leaky-pool-bench.sh [runs] [jdk] [leaks] [seconds]
#       runs per configuration (default 3, at least 1), jdk 17 or 25 (default 17), leaks any of p, u, m, b
#       (default p; LeakyPoolProgram's javadoc says what each is), seconds per run (default 4)
#
# Environment: AGENT_JAR (default agent/target/localdrop-agent.jar), JDK17 and JDK25 (java executables),
# AGENT_OPTS (default log=quiet).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
RUNS="${1:-3}"
WHICH="${2:-17}"
LEAKS="${3:-p}"
SECONDS_PER_RUN="${4:-4}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "leaky-pool-bench: runs must be a whole number of at least 1 (got '$RUNS')" >&2; exit 2; }
[[ "$LEAKS" =~ ^[pumb]+$ ]] || { echo "leaky-pool-bench: leaks must be one or more of p, u, m, b (got '$LEAKS')" >&2; exit 2; }
[[ "$SECONDS_PER_RUN" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "leaky-pool-bench: seconds must be 1 to 9999 (got '$SECONDS_PER_RUN')" >&2; exit 2; }
AGENT_JAR="${AGENT_JAR:-$PWD/agent/target/localdrop-agent.jar}"
JDK17="${JDK17:-$(command -v java)}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
AGENT_OPTS="${AGENT_OPTS:-log=quiet}"
case "$WHICH" in
  17) JAVA="$JDK17" ;;
  25) JAVA="$JDK25" ;;
  *) echo "leaky-pool-bench: jdk must be 17 or 25 (got '$WHICH')" >&2; exit 2 ;;
esac
[ -x "$JAVA" ] || { echo "leaky-pool-bench: no java at $JAVA" >&2; exit 2; }
[ -f "$AGENT_JAR" ] || { echo "leaky-pool-bench: no agent jar at $AGENT_JAR; build it: mvn -B -q -pl agent -am package -DskipTests" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$(dirname "$(readlink -f "$JAVA")")/javac" --release 17 -d "$WORK" \
  benchmarks/src/main/java/io/localdrop/benchmarks/pools/LeakyPoolProgram.java

run_one() {
  local out
  out=$("$JAVA" "$@" -cp "$WORK" io.localdrop.benchmarks.pools.LeakyPoolProgram "$SECONDS_PER_RUN" "$LEAKS" 2>&1) || {
    echo "leaky-pool-bench: a run failed:" >&2; echo "$out" >&2; exit 1; }
  sed -n 's/^tasks //p' <<<"$out"
}

declare -A TASKS
for ((i = 0; i < RUNS; i++)); do
  for config in none agent; do
    if [ "$config" = none ]; then extra=(); else extra=("-javaagent:$AGENT_JAR=$AGENT_OPTS"); fi
    TASKS[$config]+="$(run_one "${extra[@]}") "
  done
done
none=$(ld_median <<<"${TASKS[none]}")
agent=$(ld_median <<<"${TASKS[agent]}")
printf 'leaky pool (leaks %s, %s s a run), JDK %s, median of %s interleaved runs\n' "$LEAKS" "$SECONDS_PER_RUN" "$WHICH" "$RUNS"
printf 'tasks ended: none [%s] agent [%s]\n' "${TASKS[none]% }" "${TASKS[agent]% }"
awk -v a="$agent" -v n="$none" 'BEGIN { printf "medians: none %d, agent %d; agent / none %.3f\n", n, a, a / n }'
