#!/usr/bin/env sh
# Rebuilds hello.wasm from hello.c. Needs Debian's clang, lld, wasi-libc and libclang-rt-dev-wasm32.
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi --sysroot=/usr -O2 -s -o hello.wasm hello.c
ls -l hello.wasm
