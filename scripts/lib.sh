# shellcheck shell=bash
# Shared helpers for localdrop's scripts. Source it: . "$(dirname "$0")/lib.sh"
# Defines functions only; sets no shell options of its own.

# Print to stderr with the calling script's name, so interleaved output stays readable.
ld_log() { printf '[%s] %s\n' "${LD_NAME:-localdrop}" "$*" >&2; }

# A block nobody can miss in a CI log.
ld_loud() {
  local line='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  {
    printf '%s\n' "$line"
    printf '!!! %s\n' "$@"
    printf '%s\n' "$line"
  } >&2
}

# Seconds since the epoch with milliseconds, and "N.N s" elapsed since such a mark.
ld_now() { date +%s.%N; }
ld_since() { awk -v a="$1" -v b="$(ld_now)" 'BEGIN { printf "%.1f s", b - a }'; }

# The median of whole numbers given on stdin, separated by spaces or newlines, as a whole number (the mean of the two
# middle ones, truncated, for an even count): echo "3 1 2" | ld_median
ld_median() {
  tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Run a command and report how long it took: ld_timed "label" cmd args...
# Returns the command's exit status.
ld_timed() {
  local label=$1 start rc=0
  shift
  start=$(ld_now)
  "$@" || rc=$?
  ld_log "$label: $(ld_since "$start")$([ "$rc" -eq 0 ] || printf ' (FAILED, exit %s)' "$rc")"
  return "$rc"
}

# The JDK 17 home: $JAVA17_HOME, Debian's package, or whatever `java` is when it is a 17.
ld_jdk17_home() {
  local candidate
  for candidate in "${JAVA17_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  candidate=$(command -v java 2>/dev/null) || return 1
  candidate=$(dirname "$(dirname "$(readlink -f "$candidate")")")
  if grep -q '^JAVA_VERSION="17[."]' "$candidate/release" 2>/dev/null; then
    printf '%s\n' "$candidate"
    return 0
  fi
  return 1
}

# Where JDK 25 is expected ($JAVA25_HOME or Temurin's package path); exists or not.
ld_jdk25_expected() { printf '%s\n' "${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; }

# The JDK 25 home if it is there.
ld_jdk25_home() {
  local home
  home=$(ld_jdk25_expected)
  [ -x "$home/bin/java" ] || return 1
  printf '%s\n' "$home"
}

# True when a Docker engine answers, within a bound so a hung socket cannot stall us.
ld_docker_ok() { timeout 10 docker info >/dev/null 2>&1; }
