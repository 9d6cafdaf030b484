#!/usr/bin/env bash
# Start-up cost of the agent: a hello-world started with no agent, with an empty agent (premain returns at
# once: the JVM's own price for -javaagent), with the agent in mode=off (thread-exit hooks only) and with the
# agent's default options, on JDK 17 and JDK 25, side by side. Runs are interleaved (none, empty, off,
# default, none, ...) so that machine noise hits every configuration alike; medians in ms.
#
#   scripts/startup-bench.sh [runs]          (default 21 runs per configuration; at least 15)
#
# Environment: AGENT_JAR (default agent/target/localdrop-agent.jar, built with
# `mvn -B -q -pl agent -am package -DskipTests`), JDK17 and JDK25 (java executables).
set -euo pipefail

cd "$(dirname "$0")/.."
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

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
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
"$JDK17_BIN/javac" --release 17 -d "$WORK" "$WORK/Hello.java"
"$JDK17_BIN/javac" --release 17 -d "$WORK/empty" "$WORK/empty/EmptyAgent.java"
"$JDK17_BIN/jar" --create --file "$WORK/empty-agent.jar" --manifest "$WORK/empty/manifest.txt" -C "$WORK/empty" EmptyAgent.class

# one timed start, in ms, of: java <args> -cp WORK Hello
time_one() {
  local java="$1"; shift
  local start end
  start=$(date +%s%N)
  "$java" "$@" -cp "$WORK" Hello > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

CONFIGS=("none" "empty" "mode=off" "default")
declare -A SAMPLES
for label in 17 25; do
  java="$JDK17"; [ "$label" = 25 ] && java="$JDK25"
  if [ ! -x "$java" ]; then
    echo "startup-bench: JDK $label not found at $java; skipped" >&2
    continue
  fi
  # warm the file-system cache and CDS archive once per configuration
  time_one "$java" > /dev/null; time_one "$java" "-javaagent:$AGENT_JAR=mode=off" > /dev/null
  for ((i = 0; i < RUNS; i++)); do
    SAMPLES["$label none"]+="$(time_one "$java") "
    SAMPLES["$label empty"]+="$(time_one "$java" "-javaagent:$WORK/empty-agent.jar") "
    SAMPLES["$label mode=off"]+="$(time_one "$java" "-javaagent:$AGENT_JAR=mode=off") "
    SAMPLES["$label default"]+="$(time_one "$java" "-javaagent:$AGENT_JAR") "
  done
done

printf 'hello-world start, median of %s runs, ms (2 cores shared: treat as orders of magnitude)\n' "$RUNS"
printf '%-34s %10s %10s\n' "configuration" "JDK 17" "JDK 25"
for config in "${CONFIGS[@]}"; do
  row=()
  for label in 17 25; do
    if [ -n "${SAMPLES["$label $config"]:-}" ]; then
      row+=("$(echo "${SAMPLES["$label $config"]}" | tr ' ' '\n' | grep -v '^$' | median)")
    else
      row+=("-")
    fi
  done
  case "$config" in
    none) name="no agent" ;;
    empty) name="empty agent (premain returns)" ;;
    mode=off) name="-javaagent (mode=off: exit hooks)" ;;
    default) name="-javaagent (default options)" ;;
  esac
  printf '%-34s %10s %10s\n' "$name" "${row[0]}" "${row[1]}"
done
for config in "empty" "mode=off" "default"; do
  row=()
  for label in 17 25; do
    if [ -n "${SAMPLES["$label none"]:-}" ]; then
      base=$(echo "${SAMPLES["$label none"]}" | tr ' ' '\n' | grep -v '^$' | median)
      with=$(echo "${SAMPLES["$label $config"]}" | tr ' ' '\n' | grep -v '^$' | median)
      row+=("+$((with - base))")
    else
      row+=("-")
    fi
  done
  printf '%-34s %10s %10s\n' "agent cost, $config" "${row[0]}" "${row[1]}"
done
