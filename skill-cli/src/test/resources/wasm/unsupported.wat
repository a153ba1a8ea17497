;; Asks for every right on stdout (it has only fd_write), a WASI call Chicory alone does not
;; support and logs an error for, then prints "still here" and exits 0.
;; Build: wat2wasm unsupported.wat -o unsupported.wasm
(module
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights"
    (func $set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "still here\n")
  (func (export "_start")
    (drop (call $set_rights (i32.const 1) (i64.const -1) (i64.const -1)))
    ;; iovec at 0: base 16, length 11
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 11))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
