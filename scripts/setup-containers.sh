#!/usr/bin/env bash
# Makes real container tests possible on this machine, idempotently (under 1 s when all is done):
#   1. a Docker engine: the one `docker info` answers, else Debian's docker.io started by hand;
#   2. the local images localdrop/jdk:17 and localdrop/jdk:25 (25 only if that JDK is here),
#      built from the host JDKs by scripts/build-jdk-image.sh (no registry is reachable);
#   3. a check that each image runs `java -version`.
# Exits non-zero, after a loud CONTAINER TESTS WILL NOT RUN block, when any of that fails.
set -euo pipefail
LD_NAME='setup-containers'
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

DOCKERD_LOG=${LOCALDROP_DOCKERD_LOG:-/tmp/localdrop-dockerd.log}
DOCKERD_WAIT_SECONDS=${LOCALDROP_DOCKERD_WAIT_SECONDS:-30}
BUSYBOX=/bin/busybox

give_up() {
  ld_loud "CONTAINER TESTS WILL NOT RUN: $1" \
    "${2:-Fix the cause above and run scripts/setup-containers.sh again.}" \
    "(scripts/test.sh fails on this unless LOCALDROP_SKIP_CONTAINERS=1 is set.)"
  exit 1
}

is_static_busybox() { [ -x "$BUSYBOX" ] && ! ldd "$BUSYBOX" >/dev/null 2>&1; }

# Installs the Debian packages that are missing (apt-get update only then); no docker.io
# when an engine already answers.
install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || ld_docker_ok || missing+=(docker.io)
  is_static_busybox || missing+=(busybox-static)
  [ ${#missing[@]} -gt 0 ] || return 0
  command -v apt-get >/dev/null 2>&1 ||
    give_up "missing ${missing[*]} and no apt-get to install them" \
      "Install a Docker engine and a static busybox at $BUSYBOX by hand."
  [ "$(id -u)" -eq 0 ] || give_up "installing ${missing[*]} needs root"
  export DEBIAN_FRONTEND=noninteractive
  ld_timed "apt-get update" apt-get update -qq -o DPkg::Lock::Timeout=120 </dev/null ||
    give_up "apt-get update failed"
  ld_timed "apt-get install ${missing[*]}" \
    apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends "${missing[@]}" </dev/null >/dev/null ||
    give_up "apt-get install ${missing[*]} failed"
}

# True while PID is a live (not zombie) dockerd.
dockerd_alive() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && grep -qx dockerd "/proc/$1/comm" 2>/dev/null
}

# Waits until the engine answers; fails as soon as dockerd PID dies, or after the bound.
wait_for_engine() {
  local pid=$1 deadline=$((SECONDS + DOCKERD_WAIT_SECONDS))
  until ld_docker_ok; do
    if ! dockerd_alive "$pid" || [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.2
  done
}

# Starts dockerd in the background (it outlives this script) and waits until it answers.
start_dockerd() {
  local pidfile=/var/run/docker.pid pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && dockerd_alive "$pid"; then
    ld_log "dockerd (pid $pid) is running but not answering: waiting for it"
    wait_for_engine "$pid" && return 0
    dockerd_alive "$pid" && give_up "dockerd (pid $pid) runs but does not answer; see $DOCKERD_LOG"
  fi
  if [ -e "$pidfile" ]; then
    ld_log "removing stale $pidfile"
    rm -f "$pidfile"
  fi
  ld_log "starting dockerd (log: $DOCKERD_LOG)"
  setsid nohup dockerd --host=unix:///var/run/docker.sock >>"$DOCKERD_LOG" 2>&1 </dev/null &
  pid=$!
  if ! wait_for_engine "$pid"; then
    ld_log "dockerd did not answer; last lines of $DOCKERD_LOG:"
    tail -n 20 "$DOCKERD_LOG" >&2 || true
    give_up "the Docker engine did not start (see $DOCKERD_LOG)"
  fi
}

ensure_engine() {
  if ld_docker_ok; then
    ld_log "Docker engine answers: using it as is"
    is_static_busybox || install_packages
    return 0
  fi
  install_packages
  command -v dockerd >/dev/null 2>&1 || give_up "no dockerd on this machine"
  ld_timed "dockerd start" start_dockerd
}

# Builds (or keeps) localdrop/jdk:TAG and checks that it runs java.
ensure_image() {
  local jdk=$1 tag=$2 out start
  ld_timed "image localdrop/jdk:$tag" "$here/build-jdk-image.sh" "$jdk" "$tag" ||
    give_up "could not build localdrop/jdk:$tag from $jdk"
  start=$(ld_now)
  if ! out=$(timeout 60 docker run --rm --network none "localdrop/jdk:$tag" java -version 2>&1); then
    printf '%s\n' "$out" >&2
    give_up "localdrop/jdk:$tag does not run java"
  fi
  ld_log "check localdrop/jdk:$tag: $(ld_since "$start"): $(printf '%s\n' "$out" | grep -m1 -i 'version' || true)"
}

main() {
  local start jdk17 jdk25
  start=$(ld_now)
  jdk17=$(ld_jdk17_home) || give_up "no JDK 17 found (set JAVA17_HOME)"
  ensure_engine
  ensure_image "$jdk17" 17
  if jdk25=$(ld_jdk25_home); then
    ensure_image "$jdk25" 25
  else
    ld_log "no JDK 25 at $(ld_jdk25_expected): image localdrop/jdk:25 not built"
  fi
  ld_log "containers ready in $(ld_since "$start")"
}

main "$@"
