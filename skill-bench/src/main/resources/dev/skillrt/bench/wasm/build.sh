#!/bin/sh
# Regenerates the committed .wasm modules of the benchmarks from their sources.
# Needs (Debian): apt-get update && apt-get install -y wabt clang lld wasi-libc libclang-rt-dev-wasm32
set -eu
cd "$(dirname "$0")"
wat2wasm hello.wat -o hello.wasm
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-all fib.c -o fib.wasm
wasm-strip fib.wasm
ls -l *.wasm
