#!/usr/bin/env bash
# Makes the browser tests of the HTML report possible, idempotently (instant when done):
# Debian's `chromium`, installed with apt-get when `chromium` is not on PATH, then a check that
# `chromium --version` answers. The tests (agent/.../html/HtmlReportBrowserTest) find it on PATH or
# at $LOCALDROP_CHROMIUM, and FAIL without it (saying how to get it) unless -Dlocaldrop.browser=skip.
# scripts/test.sh runs this before the tests and stops when it fails.
# Exits non-zero, after a loud BROWSER TESTS WILL NOT RUN block, when any of that fails.
set -euo pipefail
LD_NAME='setup-chromium'
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

give_up() {
  ld_loud "BROWSER TESTS WILL NOT RUN: $1" \
    "${2:-Fix the cause above and run scripts/setup-chromium.sh again.}" \
    "(the HTML report's browser tests are then skipped.)"
  exit 1
}

browser=${LOCALDROP_CHROMIUM:-chromium}
if ! command -v "$browser" >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 ||
    give_up "no chromium and no apt-get to install it" "Install Chromium and set LOCALDROP_CHROMIUM to it."
  [ "$(id -u)" -eq 0 ] || give_up "installing chromium needs root"
  export DEBIAN_FRONTEND=noninteractive
  ld_timed "apt-get update" apt-get update -qq -o DPkg::Lock::Timeout=120 </dev/null ||
    give_up "apt-get update failed"
  ld_timed "apt-get install chromium" \
    apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends chromium fonts-dejavu-core </dev/null >/dev/null ||
    give_up "apt-get install chromium failed"
fi
version=$("$browser" --version 2>/dev/null) || give_up "$browser --version failed"
ld_log "$version"
