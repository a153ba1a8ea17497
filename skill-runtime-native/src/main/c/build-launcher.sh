#!/bin/sh
# Builds the call launcher (skillrt-launch.c) into the runtime's classes, statically linked: with
# musl (musl-gcc, Debian: musl-tools) when present, whose small binary starts fastest, else with the
# system C library, else dynamically. Without a C compiler the runtime is built without it and starts calls
# through the util-linux helpers instead (slower, same guarantees); under CI=true that is an error.
#   build-launcher.sh SOURCE OUTPUT_FILE
set -eu
src=$1
out=$2
cc=${CC:-cc}
if [ -f "$out" ] && [ "$out" -nt "$src" ]; then
  exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[skillrt] no C compiler ($cc): the native runtime is built without its launcher and" \
    "starts calls through the util-linux helpers (install gcc for the faster start)" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
mkdir -p "$(dirname "$out")"
flags="-O2 -s -Wall -Wextra -Werror -std=gnu11"
if [ -z "${CC:-}" ] && command -v musl-gcc >/dev/null 2>&1 \
    && musl-gcc $flags -static -o "$out.tmp" "$src" 2>/dev/null; then
  :
elif ! "$cc" $flags -static -o "$out.tmp" "$src" 2>/dev/null; then
  echo "[skillrt] static linking is not available; linking the launcher dynamically" >&2
  "$cc" $flags -o "$out.tmp" "$src"
fi
chmod 0555 "$out.tmp"
mv -f "$out.tmp" "$out"
