#!/usr/bin/env bash
# Builds the local image localdrop/jdk:TAG from a JDK on this machine, without any registry:
# the JDK in /opt/java, the shared libraries its binaries and .so files need (as ldd sees them),
# the dynamic loader, a static busybox for /bin/sh and the basic tools, minimal /etc files.
#
#   scripts/build-jdk-image.sh JAVA_HOME TAG      e.g. /usr/lib/jvm/java-17-openjdk-amd64 17
#
# Skips the build when the image's label localdrop.jdk.hash matches the JDK's `release` file
# and this script (so a change to either rebuilds the image). Needs a running Docker engine and
# a static busybox (Debian: busybox-static); scripts/setup-containers.sh provides both.
set -euo pipefail
LD_NAME='jdk-image'
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

if [ $# -ne 2 ]; then
  echo "usage: $0 JAVA_HOME TAG" >&2
  exit 2
fi
jdk=$(readlink -f "$1")
tag=$2
image="localdrop/jdk:$tag"
busybox=${BUSYBOX:-/bin/busybox}

[ -x "$jdk/bin/java" ] || { ld_log "no JDK at $1 ($jdk/bin/java missing)"; exit 1; }
[ -f "$jdk/release" ] || { ld_log "no release file in $jdk"; exit 1; }
version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$jdk/release")
case "$tag" in
  [0-9]*)
    if [ "${version%%.*}" != "$tag" ]; then
      ld_log "refusing: $jdk is Java $version, not $tag"
      exit 1
    fi ;;
esac

hash=$(cat "$jdk/release" "$0" | sha256sum | cut -c1-16)
current=$(docker image inspect -f '{{index .Config.Labels "localdrop.jdk.hash"}}' "$image" 2>/dev/null || true)
if [ "$current" = "$hash" ]; then
  ld_log "$image is up to date (Java $version, hash $hash)"
  exit 0
fi
old_id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)

# busybox must be static: the image has no libc of its own beyond what the JDK needs.
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  ld_log "need a static busybox at $busybox (Debian package busybox-static)"
  exit 1
fi

ld_log "building $image from $jdk (Java $version)"
root=$(mktemp -d /tmp/localdrop-jdk-image.XXXXXX)
trap 'rm -rf "$root"' EXIT

# 1. The JDK, without what a test never needs (docs, sources, man pages, jmods for jlink).
mkdir -p "$root/opt/java"
tar -C "$jdk" -c --exclude=./docs --exclude=./man --exclude=./jmods --exclude=./demo \
  --exclude=./sample --exclude=./lib/src.zip . | tar -C "$root/opt/java" -x
# Debian's JDK links some files into /etc and /usr/share: replace each link that leaves the tree
# (or dangles) with what it points to, or drop it when there is nothing there.
while IFS= read -r -d '' link; do
  target=$(readlink -f "$link" 2>/dev/null || true)
  case "$target" in "$root"/*) [ -e "$target" ] && continue ;; esac
  rm -f "$link"
  hosttarget=$(readlink -f "$jdk/${link#"$root/opt/java/"}" 2>/dev/null || true)
  if [ -n "$hosttarget" ] && [ -e "$hosttarget" ]; then
    cp -rL "$hosttarget" "$link"
  fi
done < <(find "$root/opt/java" -type l -print0)

# 2. Shared libraries: whatever ldd resolves for the JDK's executables and .so files, plus the
#    loader and libgcc_s (glibc dlopens it to unwind threads; ldd does not list it).
libs=$(mktemp)
{
  find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
    { xargs -0 -r ldd 2>/dev/null || true; } |   # ldd fails on scripts and static files: fine
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
  for extra in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libgcc_s.so.1; do
    if [ -e "$extra" ]; then echo "$extra"; fi
  done
} | sort -u >"$libs"
while IFS= read -r lib; do
  case "$lib" in "$root"/*) continue ;; esac   # the JDK's own libraries, already there
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done <"$libs"
ld_log "copied $(grep -vc "^$root/" "$libs" || true) system libraries"
rm -f "$libs"

# 3. busybox as /bin/sh and every tool it offers, /usr/bin/env for shebangs.
mkdir -p "$root/bin" "$root/usr/bin"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
ln -sf /bin/env "$root/usr/bin/env"

# 4. Minimal /etc, /tmp, /root.
mkdir -p "$root/etc" "$root/root" "$root/tmp" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"

# 5. Import.
tar -C "$root" --numeric-owner --owner=0 --group=0 -c . |
  docker import \
    -c 'ENV PATH=/opt/java/bin:/bin' \
    -c 'ENV JAVA_HOME=/opt/java' \
    -c 'WORKDIR /' \
    -c 'CMD ["/bin/sh"]' \
    -c "LABEL localdrop.jdk.hash=$hash localdrop.jdk.version=$version" \
    - "$image" >/dev/null
new_id=$(docker image inspect -f '{{.Id}}' "$image")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  docker image rm "$old_id" >/dev/null 2>&1 || true   # still in use by a container: keep it
fi
ld_log "built $image ($(du -sh "$root" | cut -f1), hash $hash)"
