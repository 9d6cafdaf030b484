#!/usr/bin/env bash
# Start-up cost of the agent: a hello-world started with no agent, with an empty agent (premain returns at
# once: the JVM's own price for -javaagent), with the TTL agent (com.alibaba:transmittable-thread-local 2.14.5
# as -javaagent: the peer to beat), with localdrop in mode=off (thread-exit hooks only) and with localdrop's
# default options, on JDK 17 and JDK 25, side by side; then the same hello world that sets a ThreadLocal in its
# main class, without an agent and with localdrop's default options: that class makes the agent install itself
# (docs/agent.md, "When the agent installs itself"), so the last row is the cost of the installation, where the
# first ones are the cost of an agent that is never needed. Runs are interleaved (none, empty, ttl, off, default,
# none+tl, default+tl, none, ...) so that machine noise hits every configuration alike. Each configuration's figure is the median
# of its runs, in wall-clock ms and in CPU ms (user + system of the JVM process, which other processes' load
# inflates less); the last rows are the ratios the targets are about: localdrop's overhead over no agent as a
# share of TTL's overhead over no agent, and mode=off over the empty-agent floor.
#
#   scripts/startup-bench.sh [runs]          (default 21 runs per configuration; at least 15)
#
# Environment: AGENT_JAR (default agent/target/localdrop-agent.jar, built with
# `mvn -B -q -pl agent -am package -DskipTests`), JDK17 and JDK25 (java executables), TTL_JAR (default: fetched
# once with `mvn dependency:copy` into target/startup-bench/).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
RUNS="${1:-21}"
if [ "$RUNS" -lt 15 ]; then
  echo "startup-bench: runs must be at least 15 (got $RUNS)" >&2
  exit 2
fi
AGENT_JAR="${AGENT_JAR:-$PWD/agent/target/localdrop-agent.jar}"
JDK17="${JDK17:-$(command -v java)}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
if [ ! -f "$AGENT_JAR" ]; then
  echo "startup-bench: no agent jar at $AGENT_JAR; build it: mvn -B -q -pl agent -am package -DskipTests" >&2
  exit 2
fi

TTL_VERSION=2.14.5
if [ -z "${TTL_JAR:-}" ]; then
  TTL_JAR="$PWD/target/startup-bench/transmittable-thread-local-$TTL_VERSION.jar"
  if [ ! -f "$TTL_JAR" ]; then
    mvn -B -q dependency:copy "-Dartifact=com.alibaba:transmittable-thread-local:$TTL_VERSION" \
      -DoutputDirectory="$PWD/target/startup-bench" >&2 || true
  fi
fi
if [ ! -f "$TTL_JAR" ]; then
  echo "startup-bench: no TTL agent jar at $TTL_JAR (set TTL_JAR): its row and the ratio to it are left out" >&2
  TTL_JAR=
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
cat > "$WORK/HelloThreadLocal.java" <<'JAVA'
public class HelloThreadLocal {
    static final ThreadLocal<String> GREETING = new ThreadLocal<>();

    public static void main(String[] args) {
        GREETING.set("hello");
        System.out.println(GREETING.get());
    }
}
JAVA
# the floor: an agent whose premain returns at once (what -javaagent costs the JVM before any agent code)
mkdir -p "$WORK/empty"
cat > "$WORK/empty/EmptyAgent.java" <<'JAVA'
public class EmptyAgent {
    public static void premain(String args, java.lang.instrument.Instrumentation instrumentation) {
    }
}
JAVA
printf 'Premain-Class: EmptyAgent\n' > "$WORK/empty/manifest.txt"
JDK17_BIN="$(dirname "$(readlink -f "$JDK17")")"
"$JDK17_BIN/javac" --release 17 -d "$WORK" "$WORK/Hello.java" "$WORK/HelloThreadLocal.java"
"$JDK17_BIN/javac" --release 17 -d "$WORK/empty" "$WORK/empty/EmptyAgent.java"
"$JDK17_BIN/jar" --create --file "$WORK/empty-agent.jar" --manifest "$WORK/empty/manifest.txt" -C "$WORK/empty" EmptyAgent.class

# one timed start of: java <args> -cp WORK MAIN; prints "wall-ms cpu-ms" (bash's time: the child's user + sys)
time_one() {
  local java="$1" main="$2"; shift 2
  local TIMEFORMAT='%R %U %S' times
  times=$({ time "$java" "$@" -cp "$WORK" "$main" > /dev/null 2>&1; } 2>&1)
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$times"
}

CONFIGS=("none" "empty" "ttl" "mode=off" "default" "none+tl" "default+tl")
declare -A WALL CPU
args_of() {
  case "$1" in
    none) ;;
    empty) printf '%s\n' "-javaagent:$WORK/empty-agent.jar" ;;
    ttl) printf '%s\n' "-javaagent:$TTL_JAR" ;;
    mode=off) printf '%s\n' "-javaagent:$AGENT_JAR=mode=off" ;;
    default | default+tl) printf '%s\n' "-javaagent:$AGENT_JAR" ;;
    none+tl) ;;
  esac
}
main_of() {
  case "$1" in
    *+tl) echo HelloThreadLocal ;;
    *) echo Hello ;;
  esac
}
for label in 17 25; do
  java="$JDK17"; [ "$label" = 25 ] && java="$JDK25"
  if [ ! -x "$java" ]; then
    echo "startup-bench: JDK $label not found at $java; skipped" >&2
    continue
  fi
  # warm the file-system cache and CDS archive once per configuration
  for config in "${CONFIGS[@]}"; do
    [ "$config" = ttl ] && [ -z "$TTL_JAR" ] && continue
    mapfile -t extra < <(args_of "$config")
    time_one "$java" "$(main_of "$config")" "${extra[@]}" > /dev/null
  done
  for ((i = 0; i < RUNS; i++)); do
    for config in "${CONFIGS[@]}"; do
      [ "$config" = ttl ] && [ -z "$TTL_JAR" ] && continue
      mapfile -t extra < <(args_of "$config")
      read -r wall cpu < <(time_one "$java" "$(main_of "$config")" "${extra[@]}")
      WALL["$label $config"]+="$wall "
      CPU["$label $config"]+="$cpu "
    done
  done
done

# figure KIND LABEL CONFIG: the median (ms) of that configuration's runs, or nothing
figure() {
  local samples
  if [ "$1" = wall ]; then samples="${WALL["$2 $3"]:-}"; else samples="${CPU["$2 $3"]:-}"; fi
  if [ -n "$samples" ]; then ld_median <<<"$samples"; fi
}

printf 'hello-world start, median of %s interleaved runs per configuration, ms (wall / CPU)\n' "$RUNS"
printf '%-40s %16s %16s\n' "configuration" "JDK 17" "JDK 25"
for config in "${CONFIGS[@]}"; do
  case "$config" in
    none) name="no agent" ;;
    empty) name="empty agent (premain returns)" ;;
    ttl) name="TTL agent $TTL_VERSION" ;;
    mode=off) name="localdrop, mode=off (exit hooks)" ;;
    default) name="localdrop, default options" ;;
    none+tl) name="ThreadLocal hello, no agent" ;;
    default+tl) name="ThreadLocal hello, localdrop default" ;;
  esac
  row=()
  for label in 17 25; do
    wall=$(figure wall "$label" "$config"); cpu=$(figure cpu "$label" "$config")
    row+=("${wall:--} / ${cpu:--}")
  done
  printf '%-40s %16s %16s\n' "$name" "${row[0]}" "${row[1]}"
done
# over KIND LABEL CONFIG BASE: CONFIG's median minus BASE's, in ms
over() {
  local a b
  a=$(figure "$1" "$2" "$3"); b=$(figure "$1" "$2" "$4")
  if [ -n "$a" ] && [ -n "$b" ]; then printf '%+d\n' $((a - b)); fi
}
# ratio_row NAME CONFIG BASE REF: (CONFIG - BASE) / (REF - BASE), wall and CPU, per JDK
ratio_row() {
  local name="$1" config="$2" base="$3" ref="$4" row=() label kind part
  for label in 17 25; do
    part=()
    for kind in wall cpu; do
      local num den
      num=$(over "$kind" "$label" "$config" "$base"); den=$(over "$kind" "$label" "$ref" "$base")
      if [ -n "$num" ] && [ -n "$den" ] && [ "$den" -gt 0 ]; then
        part+=("$(awk -v n="$num" -v d="$den" 'BEGIN { printf "%.2fx", n / d }')")
      else
        part+=("-")
      fi
    done
    row+=("${part[0]} / ${part[1]}")
  done
  printf '%-40s %16s %16s\n' "$name" "${row[0]}" "${row[1]}"
}
for config in "empty" "ttl" "mode=off" "default"; do
  row=()
  for label in 17 25; do
    wall=$(over wall "$label" "$config" none); cpu=$(over cpu "$label" "$config" none)
    row+=("${wall:--} / ${cpu:--}")
  done
  printf '%-40s %16s %16s\n' "overhead over no agent, $config" "${row[0]}" "${row[1]}"
done
row=()
for label in 17 25; do
  wall=$(over wall "$label" mode=off empty); cpu=$(over cpu "$label" mode=off empty)
  row+=("${wall:--} / ${cpu:--}")
done
printf '%-40s %16s %16s\n' "mode=off over the empty agent (<= +10)" "${row[0]}" "${row[1]}"
row=()
for label in 17 25; do
  wall=$(over wall "$label" default+tl none+tl); cpu=$(over cpu "$label" default+tl none+tl)
  row+=("${wall:--} / ${cpu:--}")
done
printf '%-40s %16s %16s\n' "installed (ThreadLocal hello) over none" "${row[0]}" "${row[1]}"
if [ -n "$TTL_JAR" ]; then
  ratio_row "default overhead / TTL's (<= 0.50x)" default none ttl
  ratio_row "mode=off overhead / TTL's" mode=off none ttl
fi
