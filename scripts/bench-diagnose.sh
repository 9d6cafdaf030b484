#!/usr/bin/env bash
# What mode=diagnose costs, on JDK 17 and JDK 25, each figure a ratio to its baseline measured in the
# same JMH run (benchmarks/src/main/java/io/localdrop/benchmarks/diagnose):
#
#   SiteHookBenchmark        rewritten ThreadLocal get / set vs plain, same JVM under the agent.
#                            Targets: get <= 1.15x, set <= 1.30x (time per op). Beside them, no target: the
#                            rewritten set of a ThreadLocal found leaking (its stores are recorded).
#   PoolThroughputBenchmark  2-thread pool, ThreadLocals in every task, with vs without the agent.
#                            Target: >= 0.97x the throughput without.
#   PoolDrainBenchmark       the same task body drained from a prefilled queue by one worker that never
#                            waits: the agent's own cost per task, without the hand-off between threads
#                            (which makes the figure above move with the scheduler). No target of its own.
#   ClassLoadingBenchmark    load every class of Tomcat + Jackson + Spring Security + log4j + H2 jars
#                            (from ~/.m2), with vs without the agent. Target: <= 1.05x the time without.
#                            Also under an empty retransform-capable transformer (the benchmarks jar as an
#                            agent): the JVM's floor for any agent that looks at loading classes.
#                            12 warm-up loads (8 with --quick): the agent's own code (ASM, the
#                            constant-pool scan) is interpreted in the first loads, which cost more.
#   JfrEventCostBenchmark    the JFR events' cost: a rewritten set and a task end that records a finding,
#                            without the agent, and under it with no recording, a recording with the
#                            io.localdrop events disabled, one with them enabled; wall clock and CPU time
#                            (ProcessCpuProfiler). No targets (docs/observability.md, "Cost").
#
#   scripts/bench-diagnose.sh [--quick] [--no-build] [--jdk 17|25] [--only SiteHookBenchmark|PoolThroughputBenchmark|PoolDrainBenchmark|ClassLoadingBenchmark|JfrEventCostBenchmark]
#
# Results: target/bench-diagnose/*-rN.json (JMH, one per round), logs/, and report.md (the ratios, also printed,
# by scripts/bench_report.py: the same statistic as scripts/bench.sh).
# JMH_HOST_OPTS: options for the JMH host JVM, e.g. -Djmh.ignoreLock=true when another JMH run holds the lock.
# Run from anywhere; JMH runs in the repository root (the agent-on forks use agent/target/localdrop-agent.jar).
set -euo pipefail
LD_NAME='bench-diagnose'
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
exec </dev/null

quick=0 build=1 jdks=() only=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --jdk) [ $# -ge 2 ] || { ld_log "--jdk needs a value: 17 or 25"; exit 2; }
      case "$2" in 17|25) jdks+=("$2") ;; *) ld_log "--jdk '$2' is not supported: use 17 or 25"; exit 2 ;; esac
      shift ;;
    --only) [ $# -ge 2 ] || { ld_log "--only needs a benchmark class name"; exit 2; }
      case "$2" in SiteHookBenchmark|PoolThroughputBenchmark|PoolDrainBenchmark|ClassLoadingBenchmark|JfrEventCostBenchmark) only=$2 ;;
        *) ld_log "--only '$2' is unknown: use SiteHookBenchmark, PoolThroughputBenchmark, PoolDrainBenchmark, ClassLoadingBenchmark or JfrEventCostBenchmark"; exit 2 ;;
      esac
      shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) ld_log "unknown argument '$1': accepted are --quick, --no-build, --jdk 17|25, --only BENCHMARK"; exit 2 ;;
  esac
  shift
done
[ ${#jdks[@]} -gt 0 ] || jdks=(17 25)

# Interleaved rounds: each round runs every benchmark once (one fork) on every JDK, so load from elsewhere on
# the machine hits a baseline and what is compared with it alike; the ratio shown is the median of the
# rounds' ratios (each listed).
if [ "$quick" -eq 1 ]; then
  rounds=2; hook_iter=(-wi 2 -w 1s -i 3 -r 1s); pool_iter=(-wi 2 -w 1s -i 3 -r 1s); load_iter=(-wi 8 -i 4)
else
  rounds=4; hook_iter=(-wi 3 -w 1s -i 5 -r 1s); pool_iter=(-wi 3 -w 1s -i 5 -r 1s); load_iter=(-wi 12 -i 5)
fi

JAR=benchmarks/target/benchmarks.jar
OUT=target/bench-diagnose
if [ "$build" -eq 1 ]; then
  ld_timed "build" mvn -B -q -DskipTests package -pl agent,benchmarks -am
fi
[ -f "$JAR" ] || { ld_log "no $JAR: build it (drop --no-build)"; exit 1; }
[ -f agent/target/localdrop-agent.jar ] || { ld_log "no agent/target/localdrop-agent.jar"; exit 1; }

m2="${HOME}/.m2/repository"
jars=$(find "$m2/org/apache/tomcat/embed/tomcat-embed-core" "$m2/com/fasterxml/jackson/core" \
  "$m2/org/springframework/spring-core" "$m2/org/springframework/spring-beans" "$m2/org/springframework/spring-context" \
  "$m2/org/springframework/security/spring-security-core" "$m2/org/apache/logging/log4j/log4j-core" \
  "$m2/org/apache/logging/log4j/log4j-api" "$m2/com/h2database/h2" -name '*.jar' ! -name '*sources*' ! -name '*javadoc*' \
  2>/dev/null | sort -V | awk -F/ '{ key=$(NF-2) } { last[key]=$0 } END { for (k in last) print last[k] }' | paste -sd: -)
[ -n "$jars" ] || { ld_log "no library jars found under $m2"; exit 1; }
ld_log "class path for the loading benchmark: $(tr ':' '\n' <<<"$jars" | wc -l) jars"

# --only keeps the other benchmarks' results of an earlier run (the report says when each row was measured)
[ -n "$only" ] && rm -f "$OUT"/"$only".* || rm -rf "$OUT"
mkdir -p "$OUT/logs"
java_of() {
  case "$1" in
    17) printf '%s/bin/java\n' "$(ld_jdk17_home)" ;;
    25) printf '%s/bin/java\n' "$(ld_jdk25_home)" ;;
  esac
}
failures=0
# Each measured figure and its baseline run as separate JMH invocations (one fork each), in an order that
# reverses from round to round: on a busy machine, whatever runs first or last in a sequence is
# systematically favoured otherwise. A group is a benchmark class and the methods compared with each other.
groups=("SiteHookBenchmark plainGet rewrittenGet" "SiteHookBenchmark plainSet rewrittenSet rewrittenSetOfALeak"
       "PoolThroughputBenchmark withoutAgent withAgent" "PoolDrainBenchmark withoutAgent withAgent" "ClassLoadingBenchmark withoutAgent withEmptyTransformer withAgent"
       "JfrEventCostBenchmark setWithoutAgent setNoRecording setRecordingEventsOff setRecordingEventsOn"
       "JfrEventCostBenchmark taskEndWithoutAgent taskEndNoRecording taskEndRecordingEventsOff taskEndRecordingEventsOn")
for round in $(seq 1 "$rounds"); do
  for jdk in "${jdks[@]}"; do
    java=$(java_of "$jdk") || { ld_loud "JDK $jdk not found"; failures=$((failures + 1)); continue; }
    for group in "${groups[@]}"; do
      read -r name methods <<<"$group"
      read -r -a methods <<<"$methods"
      [ -z "$only" ] || [ "$only" = "$name" ] || continue
      if [ $((round % 2)) -eq 0 ]; then
        reversed=()
        for ((i = ${#methods[@]} - 1; i >= 0; i--)); do reversed+=("${methods[i]}"); done
        methods=("${reversed[@]}")
      fi
      case "$name" in
        SiteHookBenchmark|JfrEventCostBenchmark) iter=("${hook_iter[@]}") ;;
        PoolThroughputBenchmark|PoolDrainBenchmark) iter=("${pool_iter[@]}") ;;
        *) iter=("${load_iter[@]}") ;;
      esac
      extra=()
      # CPU time beside wall clock here too: class loading on 2 cores shares them with the JIT and GC threads
      [ "$name" = ClassLoadingBenchmark ] && extra=(-p "jars=$jars" -prof io.localdrop.benchmarks.ProcessCpuProfiler)
      # CPU time beside wall clock: a recording's own threads are part of its cost, the scheduler's waits are not
      [ "$name" = JfrEventCostBenchmark ] && extra=(-prof io.localdrop.benchmarks.ProcessCpuProfiler)
      # three threads on two cores hand tasks to each other: the wall clock depends on the scheduler's luck, the
      # process CPU per operation much less
      [ "$name" = PoolThroughputBenchmark ] && extra=(-prof io.localdrop.benchmarks.ProcessCpuProfiler)
      for method in "${methods[@]}"; do
        stem="$name.$method-$jdk-r$round"
        ld_log "round $round/$rounds, JDK $jdk: $name.$method"
        rc=0
        # shellcheck disable=SC2086
        "$java" ${JMH_HOST_OPTS:-} -jar "$JAR" "io.localdrop.benchmarks.diagnose.$name.$method\$" -f 1 "${iter[@]}" \
          "${extra[@]}" -rf json -rff "$OUT/$stem.json" >"$OUT/logs/$stem.log" 2>&1 || rc=$?
        if [ "$rc" -ne 0 ] || grep -q '<failure>' "$OUT/logs/$stem.log"; then
          ld_log "JDK $jdk: $name.$method FAILED; see $OUT/logs/$stem.log"
          tail -n 20 "$OUT/logs/$stem.log" >&2
          failures=$((failures + 1))
        fi
      done
    done
  done
done

# the one report and statistic of every benchmark script (median iteration per fork, median of the rounds'
# ratios): scripts/bench_report.py, whose docstring and docs/benchmarks.md say why
report_status=0
python3 scripts/bench_report.py --markdown "$OUT/report.md" "$OUT" || report_status=$?
ld_log "results in $OUT (report.md)"
[ "$failures" -eq 0 ] || exit 1
[ "$report_status" -eq 0 ] || [ "$report_status" -eq 3 ] || exit "$report_status"
