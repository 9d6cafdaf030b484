#!/usr/bin/env bash
# Runs localdrop's JMH benchmarks on JDK 17 and JDK 25 and prints each figure as a ratio to its baseline
# measured in the same run, against the project's targets:
#
#   runtime  KeyAccessBenchmark: OwnedKey.get/with/tryWith and ScopedKey.get (inside a binding)
#            against ThreadLocal.get (value present), with the anchors Netty FastThreadLocal.get (plain
#            thread and FastThreadLocalThread) and, on JDK 25, ScopedValue.get. Targets: OwnedKey.get <= 1.03x,
#            ScopedKey.get <= 1.05x ThreadLocal.get and (JDK 25) <= 1.10x ScopedValue.get.
#   churn    ThreadChurnBenchmark: start + join of short-lived threads, in JVMs with -javaagent (default
#            options, i.e. mode=diagnose; and mode=off, the thread-exit hooks alone) against the same JVM
#            without the agent and without keys, as wall-clock throughput and as threads per CPU-second
#            of the JVM (ProcessCpuProfiler: robust to load from other processes). Targets: with the agent and
#            no keys >= 0.95x no agent; with the agent and 3 owned keys per thread (destructors included)
#            >= 1.00x the same 3 keys through Localdrop.wrap without the agent (the way to get them by hand).
#
#   scripts/bench.sh [--quick] [--no-build] [--strict] [--jdk 17|25] [--suite runtime|churn]
#
#   --quick      fewer rounds (runtime 1, churn 2): about 3 minutes instead of about 9-10 (2 cores)
#   --no-build   use benchmarks/target/benchmarks.jar and agent/target/localdrop-agent.jar as they are
#   --strict     exit 3 when a target is missed (default: report it, exit 0 when everything ran)
#   --jdk, --suite   run only that JDK / suite (repeatable)
#
# Noise: the runs are interleaved in rounds (round 1 of every configuration, then round 2, ...), each
# round one fork per benchmark, so a burst of load from elsewhere hits a baseline and what is compared
# with it alike. Within a round a figure is its median iteration; the ratio shown is the median of the
# rounds' ratios, each of which is listed (scripts/bench_report.py says why). JMH's JSON results and logs
# are kept in target/bench/.
# Environment: JAVA17_HOME, JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
LD_NAME='bench'
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
exec </dev/null

quick=0 build=1 strict=0
jdks=() suites=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --strict) strict=1 ;;
    --jdk) [ $# -ge 2 ] || { ld_log "--jdk needs a value: 17 or 25"; exit 2; }
      case "$2" in 17|25) jdks+=("$2") ;; *) ld_log "--jdk '$2' is not supported: use 17 or 25"; exit 2 ;; esac
      shift ;;
    --suite) [ $# -ge 2 ] || { ld_log "--suite needs a value: runtime or churn"; exit 2; }
      case "$2" in runtime|churn) suites+=("$2") ;; *) ld_log "--suite '$2' is unknown: use runtime or churn"; exit 2 ;; esac
      shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) ld_log "unknown argument '$1': accepted are --quick, --no-build, --strict, --jdk 17|25, --suite runtime|churn"; exit 2 ;;
  esac
  shift
done
[ ${#jdks[@]} -gt 0 ] || jdks=(17 25)
[ ${#suites[@]} -gt 0 ] || suites=(runtime churn)

# Thread churn is far noisier than the key reads (a thread start waits for the scheduler, which other
# work on the machine delays), so it gets more, shorter rounds: each round is one more paired sample.
# Many short measurement iterations: bench_report.py takes each fork's median iteration (see there).
if [ "$quick" -eq 1 ]; then
  runtime_rounds=1; churn_rounds=2
  runtime_iter=(-wi 2 -w 1s -i 6 -r 200ms); churn_iter=(-wi 2 -w 500ms -i 6 -r 250ms)
else
  runtime_rounds=3; churn_rounds=6
  runtime_iter=(-wi 2 -w 1s -i 10 -r 200ms); churn_iter=(-wi 2 -w 500ms -i 6 -r 250ms)
fi

JAR=benchmarks/target/benchmarks.jar
AGENT=$PWD/agent/target/localdrop-agent.jar
OUT=target/bench
start=$(ld_now)

if [ "$build" -eq 1 ]; then
  ld_timed "build (mvn -B -q -DskipTests package -pl benchmarks -am)" \
    mvn -B -q -DskipTests package -pl benchmarks -am
fi
[ -f "$JAR" ] || { ld_log "no $JAR: build it (drop --no-build)"; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/logs"

# The floor of churn: an agent whose premain returns at once, so that what any -javaagent costs the JVM (on JDK 25 a
# large share of a virtual thread's life) is told apart from what localdrop adds (same agent as startup-bench.sh's).
EMPTY_AGENT=$PWD/$OUT/empty-agent.jar
make_empty_agent() {
  local jdk17 work
  jdk17=$(ld_jdk17_home) || return 1
  work=$(mktemp -d)
  printf 'public class EmptyAgent {\n    public static void premain(String args, java.lang.instrument.Instrumentation i) {\n    }\n}\n' \
    > "$work/EmptyAgent.java"
  printf 'Premain-Class: EmptyAgent\n' > "$work/manifest.txt"
  "$jdk17/bin/javac" --release 17 -d "$work" "$work/EmptyAgent.java" \
    && "$jdk17/bin/jar" --create --file "$EMPTY_AGENT" --manifest "$work/manifest.txt" -C "$work" EmptyAgent.class
  local rc=$?
  rm -rf "$work"
  return $rc
}
empty_ok=1
if printf '%s\n' "${suites[@]}" | grep -qx churn && ! make_empty_agent; then
  ld_loud "could not build the empty agent: the churn floor rows are left out"
  empty_ok=0
fi

java_of() {
  local home
  case "$1" in
    17) home=$(ld_jdk17_home) || return 1 ;;
    25) home=$(ld_jdk25_home) || return 1 ;;
  esac
  printf '%s/bin/java\n' "$home"
}

failures=0
# jmh JDK FILE-STEM JMH-ARGS...: one JMH invocation; JSON to $OUT/STEM.json, output to $OUT/logs/STEM.log.
jmh() {
  local jdk=$1 stem=$2 java
  shift 2
  java=$(java_of "$jdk")
  ld_log "JDK $jdk: $stem"
  local rc=0
  "$java" -jar "$JAR" "$@" -rf json -rff "$OUT/$stem.json" >"$OUT/logs/$stem.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    ld_log "JDK $jdk: $stem FAILED (exit status $rc); last lines of $OUT/logs/$stem.log:"
    tail -n 15 "$OUT/logs/$stem.log" >&2
    failures=$((failures + 1))
    return 0
  fi
  # JMH exits 0 even when a benchmark threw; the error is in the log and the result is missing.
  if grep -q '<failure>' "$OUT/logs/$stem.log"; then
    ld_log "JDK $jdk: $stem: a benchmark failed; from $OUT/logs/$stem.log:"
    grep -A 8 '<failure>' "$OUT/logs/$stem.log" | head -n 20 >&2
    failures=$((failures + 1))
  fi
}

# merge_json INTO FROM: appends JMH result array FROM to INTO (both kept if FROM is missing), then removes FROM.
merge_json() {
  [ -f "$2" ] || return 0
  python3 -c 'import json,sys
into = json.load(open(sys.argv[1])) if __import__("os").path.exists(sys.argv[1]) else []
json.dump(into + json.load(open(sys.argv[2])), open(sys.argv[1], "w"), indent=1)' "$1" "$2" && rm -f "$2"
}

agent_ok=1
if printf '%s\n' "${suites[@]}" | grep -qx churn && [ ! -f "$AGENT" ]; then
  ld_loud "no agent jar at $AGENT: the churn runs with the agent cannot be made"
  agent_ok=0
fi

runnable_jdks=()
for jdk in "${jdks[@]}"; do
  if java_of "$jdk" >/dev/null; then
    runnable_jdks+=("$jdk")
  else
    ld_loud "JDK $jdk not found: its benchmarks are NOT run (set JAVA${jdk}_HOME)"
    failures=$((failures + 1))
  fi
done

rounds=$(( runtime_rounds > churn_rounds ? runtime_rounds : churn_rounds ))
for round in $(seq 1 "$rounds"); do
  for jdk in "${runnable_jdks[@]}"; do
    for suite in "${suites[@]}"; do
      case "$suite" in
        runtime)
          [ "$round" -le "$runtime_rounds" ] || continue
          # ScopedValue (the JDK 25 anchor) does not exist on 17
          if [ "$jdk" = 17 ]; then
            jmh "$jdk" "runtime-$jdk-r$round" 'io.localdrop.benchmarks.KeyAccessBenchmark.(?!scopedValueGet)' -f 1 "${runtime_iter[@]}"
          else
            # On 25 a fork's ScopedValue.get (so ScopedKey.get, which is ScopedValue.get) finds the value at its
            # first probe of the thread's ScopedValue cache or at its second: the JDK picks the slot at random
            # (primary about 11 times in 16) at the first get of a binding, and every binding here lasts the fork.
            # One fork per round would make the ScopedKey/ScopedValue ratio a coin flip; 3 forks per round make
            # each figure's median the usual case. Their JSON is merged into the round's file.
            jmh "$jdk" "runtime-$jdk-r$round" 'io.localdrop.benchmarks.KeyAccessBenchmark.(?!scopedKeyGet$|scopedValueGet$)' \
              -f 1 "${runtime_iter[@]}"
            jmh "$jdk" "scoped-$jdk-r$round" 'io.localdrop.benchmarks.KeyAccessBenchmark.scoped(Key|Value)Get$' \
              -f 3 "${runtime_iter[@]}"
            merge_json "$OUT/runtime-$jdk-r$round.json" "$OUT/scoped-$jdk-r$round.json"
          fi
          ;;
        churn)
          [ "$round" -le "$churn_rounds" ] || continue
          # virtual threads exist on 21+ only
          if [ "$jdk" = 17 ]; then kinds='platform'; else kinds='(platform|virtual)'; fi
          pattern="io.localdrop.benchmarks.ThreadChurnBenchmark.$kinds\$"
          cpu=(-prof io.localdrop.benchmarks.ProcessCpuProfiler)
          jmh "$jdk" "churn-noagent-$jdk-r$round" "$pattern" -p variant=bare,wrap_keys3 -f 1 "${churn_iter[@]}" "${cpu[@]}"
          if [ "$empty_ok" -eq 1 ]; then
            jmh "$jdk" "churn-emptyagent-$jdk-r$round" "$pattern" -p variant=bare -f 1 "${churn_iter[@]}" "${cpu[@]}" \
              -jvmArgsAppend "-javaagent:$EMPTY_AGENT"
          fi
          if [ "$agent_ok" -eq 1 ]; then
            # the agent as users start it (default options: mode=diagnose), and with mode=off (only the
            # thread-exit hooks for owned keys: what issue 3's targets are about)
            jmh "$jdk" "churn-agent-$jdk-r$round" "$pattern" -p variant=bare,keys3 -f 1 "${churn_iter[@]}" "${cpu[@]}" \
              -jvmArgsAppend "-javaagent:$AGENT -Dlocaldrop.bench.agent=true"
            jmh "$jdk" "churn-agentoff-$jdk-r$round" "$pattern" -p variant=bare,keys3 -f 1 "${churn_iter[@]}" "${cpu[@]}" \
              -jvmArgsAppend "-javaagent:$AGENT=mode=off -Dlocaldrop.bench.agent=true"
          fi
          ;;
      esac
    done
  done
done

report_status=0
python3 scripts/bench_report.py --markdown "$OUT/report.md" "$OUT" || report_status=$?
ld_log "total: $(ld_since "$start"); JSON results and logs in $OUT/"

if [ "$failures" -gt 0 ]; then
  ld_loud "$failures benchmark run(s) failed or were not made: see above and $OUT/logs/"
  exit 1
fi
if [ "$report_status" -eq 3 ] && [ "$strict" -eq 1 ]; then
  exit 3
fi
[ "$report_status" -eq 0 ] || [ "$report_status" -eq 3 ] || exit "$report_status"
exit 0
