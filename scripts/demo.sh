#!/usr/bin/env bash
# The README's first command: build the agent and the examples, run the leaky example (a 2-thread pool
# whose request-context holder is set and never removed) under the agent, and show what it found:
# the stderr summary, then the JSON report.
#   scripts/demo.sh [path/to/java]      (default: java on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${1:-java}"
mvn -B -q -DskipTests package -pl examples,agent -am
REPORT="$(mktemp -d)/leaky-report.json"
echo "\$ $JAVA -javaagent:agent/target/localdrop-agent.jar=report=$REPORT -cp examples/target/classes io.localdrop.examples.LeakyPool"
"$JAVA" -javaagent:agent/target/localdrop-agent.jar=report="$REPORT" -cp examples/target/classes io.localdrop.examples.LeakyPool
echo
echo "\$ cat $REPORT"
cat "$REPORT"
