#!/usr/bin/env bash
# The Spring Boot application of the real-stack tests (stack-apps/spring-boot-app: Spring Boot 3.5 fat jar,
# Tomcat, Security, actuator, logback MDC, Jackson) with localdrop's agent (default options, mode=diagnose)
# against the same JVM without it, on JDK 17 and JDK 25:
#
#   start-up    java -Xmx256m -Dlocaldrop.bench.exitAfterStart=true -jar app.jar --server.port=0: the
#               application starts (context refreshed, Tomcat listening), closes its context and exits.
#               Runs interleaved (none, agent, agent, none, ...); per configuration the median CPU time
#               (user + sys of the JVM) and median peak RSS (max resident set), both from /usr/bin/time.
#               Targets: CPU <= 1.05x, peak RSS <= +15 MiB.
#   throughput  the same JVM serving, with 8 Tomcat threads (server.tomcat.threads.max=8, min-spare=8) and
#               unlimited keep-alive, driven by 4 keep-alive loopback clients
#               (benchmarks/.../springboot/LoadClient) on /correct/request (a filter sets a request-scoped
#               ThreadLocal and MDC, the handler logs with MDC and answers JSON; each answer is checked).
#               Per round and configuration one fresh JVM: warm-up, then a measured window; requests/s, and
#               the server's CPU time per request (from /proc/PID/stat) over the same window. Rounds
#               alternate the order of the two configurations. Ratio: median over rounds of the per-round
#               ratios. Target: >= 0.97x requests/s (and requests per CPU-second, shown beside).
#
#   scripts/springboot-bench.sh [--runs N] [--rounds N] [--warmup S] [--measure S] [--jdk 17|25]
#                               [--only startup|throughput] [--no-build] [--agent-options OPTS]
#                               [--compare AGENT_JAR]
#
# --compare adds a third configuration, "other": the same runs with another agent jar (an earlier build, say),
# interleaved with the two others, so that a change's before and after are measured at the same moment.
# AGENT_JAR, APP_JAR and BENCH_JAR (environment) replace agent/target/localdrop-agent.jar, the application's fat
# jar and benchmarks/target/benchmarks.jar (copies elsewhere keep a run safe from a build meanwhile).
#
# Defaults: 10 start-up runs per configuration (at least 10), 3 throughput rounds of 25 s warm-up + 10 s
# measured. Writes target/springboot-bench/report.md (the table, also printed) and the runs' logs there.
# Loopback only: the servers listen on ports the kernel picks, the clients stop by themselves.
set -euo pipefail
LD_NAME='springboot-bench'
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
exec </dev/null

runs=10 rounds=3 warmup=25 measure=10 jdks=() only= build=1 agent_options= other_jar=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --measure) measure=$2; shift ;;
    --jdk) case "${2:-}" in 17|25) jdks+=("$2") ;; *) ld_log "--jdk '${2:-}': use 17 or 25"; exit 2 ;; esac; shift ;;
    --only) case "${2:-}" in startup|throughput) only=$2 ;; *) ld_log "--only '${2:-}': use startup or throughput"; exit 2 ;; esac; shift ;;
    --no-build) build=0 ;;
    --agent-options) agent_options="=$2"; shift ;;
    --compare) other_jar=$(readlink -f "$2") || { ld_log "--compare: no file '$2'"; exit 2; }; shift ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) ld_log "unknown argument '$1' (see --help)"; exit 2 ;;
  esac
  shift
done
[ "$runs" -ge 10 ] || { ld_log "--runs must be at least 10 (got $runs)"; exit 2; }
[ ${#jdks[@]} -gt 0 ] || jdks=(17 25)

APP_JAR=${APP_JAR:-stack-apps/spring-boot-app/target/localdrop-stack-spring-boot-app-0.1.0-SNAPSHOT-exec.jar}
AGENT_JAR=${AGENT_JAR:-$PWD/agent/target/localdrop-agent.jar}
BENCH_JAR=${BENCH_JAR:-benchmarks/target/benchmarks.jar}
if [ "$build" -eq 1 ]; then
  ld_timed "build" mvn -B -q -o -DskipTests package -pl agent,stack-apps/spring-boot-app,benchmarks -am
fi
for f in "$APP_JAR" "$AGENT_JAR" "$BENCH_JAR" ${other_jar:+"$other_jar"}; do
  [ -f "$f" ] || { ld_log "missing $f: build it (drop --no-build)"; exit 1; }
done
APP_JAR=$(readlink -f "$APP_JAR") BENCH_JAR=$(readlink -f "$BENCH_JAR")

# /usr/bin/time (Debian's `time` package) gives the peak RSS; bash's `time` does not
if [ ! -x /usr/bin/time ]; then
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] || { ld_log "needs /usr/bin/time (Debian package 'time')"; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  ld_timed "apt-get update" apt-get update -qq -o DPkg::Lock::Timeout=120 || { ld_log "apt-get update failed"; exit 1; }
  ld_timed "apt-get install time" apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends time >/dev/null ||
    { ld_log "apt-get install time failed"; exit 1; }
fi

OUT=$PWD/target/springboot-bench
mkdir -p "$OUT/logs"
# the agent writes its report into the working directory: each run gets a scratch one
WORK=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

java_of() {
  case "$1" in
    17) printf '%s/bin/java\n' "$(ld_jdk17_home)" ;;
    25) printf '%s/bin/java\n' "$(ld_jdk25_home)" ;;
  esac
}
JVM_OPTS=(-Xmx256m)
agent_args() {
  case "$1" in
    agent) printf '%s\n' "-javaagent:$AGENT_JAR$agent_options" ;;
    other) printf '%s\n' "-javaagent:$other_jar$agent_options" ;;
  esac
}
# the configurations, interleaved; each round or run goes through them forwards, the next backwards
CONFIGS=(none agent); [ -n "$other_jar" ] && CONFIGS=(none other agent)
order_of() {
  local i
  if [ $(($1 % 2)) -eq 0 ]; then echo "${CONFIGS[*]}"; else for ((i = ${#CONFIGS[@]} - 1; i >= 0; i--)); do printf '%s ' "${CONFIGS[$i]}"; done; fi
}

median() {
  tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A CPU RSS WALL RPS RPC RATIO_RPS RATIO_RPC

# one start: sets RESULT to "wall-s cpu-ms rss-KiB"
start_once() {
  local java=$1 config=$2 log=$3 times
  mapfile -t extra < <(agent_args "$config")
  rm -rf "$WORK/run"; mkdir -p "$WORK/run"
  (cd "$WORK/run" && /usr/bin/time -o "$WORK/time" -f '%e %U %S %M' \
    "$java" "${JVM_OPTS[@]}" "${extra[@]}" -Dlocaldrop.bench.exitAfterStart=true -jar "$APP_JAR" --server.port=0 \
    >"$log" 2>&1) || { ld_log "start-up run failed ($config): see $log"; return 1; }
  grep -q 'Started BootApp' "$log" || { ld_log "the application did not start ($config): see $log"; return 1; }
  RESULT=$(tail -1 "$WORK/time" | awk '{ printf "%s %d %d\n", $1, ($2 + $3) * 1000, $4 }')
}

startup() {
  local jdk=$1 java i config order wall cpu rss
  java=$(java_of "$jdk")
  ld_log "JDK $jdk start-up: one warm run each, then $runs interleaved runs per configuration"
  for config in "${CONFIGS[@]}"; do start_once "$java" "$config" "$OUT/logs/startup-$jdk-$config-warm.log"; done
  for ((i = 0; i < runs; i++)); do
    for config in $(order_of "$i"); do
      start_once "$java" "$config" "$OUT/logs/startup-$jdk-$config-$i.log"
      read -r wall cpu rss <<<"$RESULT"
      WALL[$jdk $config]+="$wall " CPU[$jdk $config]+="$cpu " RSS[$jdk $config]+="$rss "
    done
  done
}

# one round of one configuration: a fresh server, the client's warm-up and measured window; sets RESULT to
# "rps cpu-us/req" (run in this shell, not in a substitution, so that cleanup knows the server's pid)
serve_once() {
  local java=$1 config=$2 log=$3 port= i line
  mapfile -t extra < <(agent_args "$config")
  rm -rf "$WORK/run"; mkdir -p "$WORK/run"
  (cd "$WORK/run" && exec "$java" "${JVM_OPTS[@]}" "${extra[@]}" -jar "$APP_JAR" --server.port=0 \
    --server.tomcat.threads.max=8 --server.tomcat.threads.min-spare=8 --server.tomcat.max-keep-alive-requests=-1 \
    >"$log" 2>&1) &
  server_pid=$!
  for ((i = 0; i < 600; i++)); do
    if grep -q 'Started BootApp' "$log"; then
      port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$port" ] || { ld_log "the server did not start ($config): see $log"; return 1; }
  line=$("${java%/java}/java" -cp "$BENCH_JAR" io.localdrop.benchmarks.springboot.LoadClient \
    "$port" 4 "$warmup" "$measure" "$server_pid" 2>>"$log") || { ld_log "the client failed ($config): see $log"; return 1; }
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  echo "$line" >>"$log"
  RESULT=$(sed -n 's/.*rps=\([0-9.]*\).*cpuUsPerRequest=\([0-9.]*\).*/\1 \2/p' <<<"$line")
}

throughput() {
  local jdk=$1 java r config rps rpc a b c d
  java=$(java_of "$jdk")
  ld_log "JDK $jdk throughput: $rounds rounds of ${warmup}s warm-up + ${measure}s measured per configuration"
  for ((r = 0; r < rounds; r++)); do
    declare -A this=()
    for config in $(order_of "$r"); do
      serve_once "$java" "$config" "$OUT/logs/throughput-$jdk-$config-r$r.log"
      read -r rps rpc <<<"$RESULT"
      RPS[$jdk $config]+="$rps " RPC[$jdk $config]+="$rpc "
      this[$config]="$rps $rpc"
    done
    read -r a b <<<"${this[none]}"
    for config in "${CONFIGS[@]}"; do
      [ "$config" = none ] && continue
      read -r c d <<<"${this[$config]}"
      RATIO_RPS[$jdk $config]+="$(awk -v x="$c" -v y="$a" 'BEGIN { printf "%.3f", x / y }') "
      RATIO_RPC[$jdk $config]+="$(awk -v x="$b" -v y="$d" 'BEGIN { printf "%.3f", x / y }') "
    done
    unset this
  done
}

for jdk in "${jdks[@]}"; do
  java=$(java_of "$jdk") || { ld_log "JDK $jdk not found; skipped"; continue; }
  [ -x "$java" ] || { ld_log "JDK $jdk not found; skipped"; continue; }
  [ "$only" = throughput ] || startup "$jdk"
  [ "$only" = startup ] || throughput "$jdk"
done

ok() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if ((dir == "le" && v <= t) || (dir == "ge" && v >= t)) print "yes"; else print "NO" }'; }
name_of() { case "$1" in agent) echo "agent" ;; other) echo "other ($(basename "$other_jar"))" ;; esac; }
{
  printf '# Spring Boot application: agent (default options%s) vs none\n\n' "${agent_options:+, ${agent_options#=}}"
  printf 'agent: %s%s\n' "$AGENT_JAR" "${other_jar:+; other: $other_jar}"
  printf 'load average at the end: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| figure | JDK | none | with | ratio | target | ok? | notes |\n|---|---|---|---|---|---|---|---|\n'
  for jdk in "${jdks[@]}"; do
    for config in "${CONFIGS[@]}"; do
      [ "$config" = none ] && continue
      with=$(name_of "$config")
      if [ -n "${CPU[$jdk none]:-}" ]; then
        cn=$(median <<<"${CPU[$jdk none]}"); ca=$(median <<<"${CPU[$jdk $config]}")
        rn=$(median <<<"${RSS[$jdk none]}"); ra=$(median <<<"${RSS[$jdk $config]}")
        wn=$(median <<<"${WALL[$jdk none]}"); wa=$(median <<<"${WALL[$jdk $config]}")
        r=$(awk -v a="$ca" -v b="$cn" 'BEGIN { printf "%.3f", a / b }')
        printf '| start-up CPU time (ms), %s | %s | %.0f | %.0f | %sx | <= 1.05x | %s | median of %s runs; wall %.2f vs %.2f s |\n' \
          "$with" "$jdk" "$cn" "$ca" "$r" "$(ok "$r" 1.05 le)" "$runs" "$wn" "$wa"
        d=$(awk -v a="$ra" -v b="$rn" 'BEGIN { printf "%.1f", (a - b) / 1024 }')
        printf '| start-up peak RSS (MiB), %s | %s | %.1f | %.1f | %+.1f MiB | <= +15 MiB | %s | median of %s runs |\n' \
          "$with" "$jdk" "$(awk -v v="$rn" 'BEGIN { print v / 1024 }')" "$(awk -v v="$ra" 'BEGIN { print v / 1024 }')" "$d" \
          "$(ok "$d" 15 le)" "$runs"
      fi
      if [ -n "${RATIO_RPS[$jdk $config]:-}" ]; then
        r=$(median <<<"${RATIO_RPS[$jdk $config]}"); q=$(median <<<"${RATIO_RPC[$jdk $config]}")
        printf '| requests/s, %s | %s | %.0f | %.0f | %.3fx | >= 0.97x | %s | per-round ratios: %s |\n' "$with" "$jdk" \
          "$(median <<<"${RPS[$jdk none]}")" "$(median <<<"${RPS[$jdk $config]}")" "$r" "$(ok "$r" 0.97 ge)" \
          "${RATIO_RPS[$jdk $config]% }"
        printf '| requests per server CPU-second, %s | %s | %.0f | %.0f | %.3fx | >= 0.97x | %s | per-round ratios: %s |\n' \
          "$with" "$jdk" "$(awk -v v="$(median <<<"${RPC[$jdk none]}")" 'BEGIN { print 1e6 / v }')" \
          "$(awk -v v="$(median <<<"${RPC[$jdk $config]}")" 'BEGIN { print 1e6 / v }')" "$q" "$(ok "$q" 0.97 ge)" \
          "${RATIO_RPC[$jdk $config]% }"
      fi
    done
  done
} | tee "$OUT/report.md"
