;; The factorization component: world `factorizer` of wit-examples/factorization (imports `progress`, exports
;; `factorize` with its `batch` resource), written in the component text format so that it is built from this file
;; by Wasmtime itself (no Rust or C# to wasm toolchain is needed).
;;
;; Algorithms (all u64 arithmetic, no 128-bit type in wasm):
;; - Montgomery multiplication modulo odd n (R = 2^64), the 128-bit products from four 32x32-bit multiplies;
;; - Miller-Rabin with the first twelve primes as bases, deterministic for every 64-bit n;
;; - Pollard's rho with Brent's cycle detection and batched gcds, after trial division by the small primes;
;; - `trial-division` (the algorithm parameter) divides by 2 and odd numbers up to the square root.
;; `budget` counts steps (a trial division or an iteration of rho); when it runs out, `factor` returns
;; `budget-exhausted` with the primes found so far and the unfactored rest.
;;
;; Memory: memory 0 is the canonical-ABI memory; [64, 96) is the return area of `factor`, [96, 104) the list header
;; of `run`, [256, 320) the messages passed to `progress`, [1024, 2048) a work stack, [2048, 2560) the primes found,
;; and from 8192 a bump heap that each export's post-return resets. Memory 1 holds the batches: 256 slots of 32 bytes
;; (used, options, len, cap, data) and from 8192 their number arrays (bump-allocated, reset when no batch is alive).
(component
  (import "wittools:factorization/types@0.1.0" (instance $types
    (type $prime-power' (record (field "prime" u64) (field "exponent" u32)))
    (export "prime-power" (type $prime-power (eq $prime-power')))
    (type $factorization' (record (field "n" u64) (field "factors" (list $prime-power))))
    (export "factorization" (type $factorization (eq $factorization')))
    (type $partial-result' (record (field "found" (list $prime-power)) (field "remaining-cofactor" u64)))
    (export "partial-result" (type $partial-result (eq $partial-result')))
    (type $factor-error' (variant (case "no-factorization" u64) (case "budget-exhausted" $partial-result) (case "cancelled")))
    (export "factor-error" (type $factor-error (eq $factor-error')))
    (type $algorithm' (enum "trial-division" "pollard-rho" "automatic"))
    (export "algorithm" (type $algorithm (eq $algorithm')))
    (type $report-options' (flags "include-trivial" "sort-descending" "verify"))
    (export "report-options" (type $report-options (eq $report-options')))
  ))
  (alias export $types "factorization" (type $factorization))
  (alias export $types "factor-error" (type $factor-error))
  (alias export $types "algorithm" (type $algorithm))
  (alias export $types "report-options" (type $report-options))

  (import "wittools:factorization/progress@0.1.0" (instance $progress
    (export "report" (func (param "n" u64) (param "percent" u8) (param "message" string)))
  ))
  (alias export $progress "report" (func $report))

  ;; memories, allocator, the batch destructor (the resource type needs it before the main module exists)
  (core module $libc
    (memory $mem (export "memory") 1)
    (memory $bat (export "batches") 1)
    (global $heap (export "heap") (mut i32) (i32.const 8192))
    (global $bheap (export "bheap") (mut i32) (i32.const 8192))
    (global $live (export "live") (mut i32) (i32.const 0))
    (data (memory $mem) (i32.const 256) "startingfactored")
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $r i32) (local $end i32) (local $have i32)
      (local.set $r (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $r) (local.get $size)))
      (local.set $have (i32.shl (memory.size $mem) (i32.const 16)))
      (if (i32.gt_u (local.get $end) (local.get $have))
        (then
          (if (i32.eq (memory.grow $mem (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1)))
                      (i32.const -1))
            (then unreachable))))
      (if (local.get $old)
        (then (memory.copy $mem $mem (local.get $r) (local.get $old)
                (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
      (global.set $heap (local.get $end))
      (local.get $r))
    ;; post-return of the exports returning memory: the host has read it
    (func (export "reset") (param i32) (global.set $heap (i32.const 8192)))
    (func (export "batch-dtor") (param $rep i32)
      (i32.store $bat (i32.shl (i32.sub (local.get $rep) (i32.const 1)) (i32.const 5)) (i32.const 0))
      (global.set $live (i32.sub (global.get $live) (i32.const 1)))
      (if (i32.eqz (global.get $live)) (then (global.set $bheap (i32.const 8192)))))
  )
  (core instance $libc (instantiate $libc))
  (alias core export $libc "memory" (core memory $mem))
  (alias core export $libc "cabi_realloc" (core func $realloc))
  (alias core export $libc "reset" (core func $reset))
  (alias core export $libc "batch-dtor" (core func $batch-dtor))

  (type $batch (resource (rep i32) (dtor (core func $batch-dtor))))
  (core func $batch-new-handle (canon resource.new $batch))
  (core func $report-core (canon lower (func $report) (memory $mem) (realloc $realloc)))

  (core module $main
    (import "libc" "memory" (memory $mem 1))
    (import "libc" "batches" (memory $bat 1))
    (import "libc" "heap" (global $heap (mut i32)))
    (import "libc" "bheap" (global $bheap (mut i32)))
    (import "libc" "live" (global $live (mut i32)))
    (import "libc" "cabi_realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "host" "report" (func $report (param i64 i32 i32 i32)))
    (import "host" "batch-new" (func $batch-new-handle (param i32) (result i32)))

    (global $count (mut i32) (i32.const 0))       ;; primes found (u64 each at 2048 + 8 * i)
    (global $rest (mut i64) (i64.const 1))        ;; unfactored rest when the budget ran out
    (global $limited (mut i32) (i32.const 0))     ;; a budget applies
    (global $left (mut i64) (i64.const 0))        ;; steps left
    (global $exhausted (mut i32) (i32.const 0))   ;; the budget ran out
    (global $powers (mut i32) (i32.const 0))      ;; length of the last prime-power list built

    ;; ---------------------------------------------------------------- arithmetic modulo n (u64)

    ;; the high 64 bits of the 128-bit product a * b
    (func $mulhi (param $a i64) (param $b i64) (result i64)
      (local $alo i64) (local $ahi i64) (local $blo i64) (local $bhi i64) (local $p0 i64) (local $p1 i64) (local $p2 i64) (local $mid i64)
      (local.set $alo (i64.and (local.get $a) (i64.const 0xffffffff)))
      (local.set $ahi (i64.shr_u (local.get $a) (i64.const 32)))
      (local.set $blo (i64.and (local.get $b) (i64.const 0xffffffff)))
      (local.set $bhi (i64.shr_u (local.get $b) (i64.const 32)))
      (local.set $p0 (i64.mul (local.get $alo) (local.get $blo)))
      (local.set $p1 (i64.mul (local.get $alo) (local.get $bhi)))
      (local.set $p2 (i64.mul (local.get $ahi) (local.get $blo)))
      (local.set $mid (i64.add (i64.add (i64.shr_u (local.get $p0) (i64.const 32)) (i64.and (local.get $p1) (i64.const 0xffffffff)))
                               (i64.and (local.get $p2) (i64.const 0xffffffff))))
      (i64.add (i64.add (i64.add (i64.mul (local.get $ahi) (local.get $bhi)) (i64.shr_u (local.get $p1) (i64.const 32)))
                        (i64.shr_u (local.get $p2) (i64.const 32)))
               (i64.shr_u (local.get $mid) (i64.const 32))))

    ;; -n^-1 mod 2^64 for odd n (Newton: 3 correct bits, doubled five times)
    (func $ninv (param $n i64) (result i64)
      (local $x i64) (local $i i32)
      (local.set $x (local.get $n))
      (loop $next
        (local.set $x (i64.mul (local.get $x) (i64.sub (i64.const 2) (i64.mul (local.get $n) (local.get $x)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (i32.const 5))))
      (i64.sub (i64.const 0) (local.get $x)))

    ;; a * b * 2^-64 mod n (Montgomery), for a, b < n odd; the result is < n
    (func $montmul (param $a i64) (param $b i64) (param $n i64) (param $ninv i64) (result i64)
      (local $tlo i64) (local $thi i64) (local $s i64) (local $s2 i64) (local $over i32)
      (local.set $tlo (i64.mul (local.get $a) (local.get $b)))
      (local.set $thi (call $mulhi (local.get $a) (local.get $b)))
      (local.set $s (i64.add (local.get $thi) (call $mulhi (i64.mul (local.get $tlo) (local.get $ninv)) (local.get $n))))
      (local.set $over (i64.lt_u (local.get $s) (local.get $thi)))
      (local.set $s2 (i64.add (local.get $s) (i64.extend_i32_u (i64.ne (local.get $tlo) (i64.const 0)))))
      (local.set $over (i32.or (local.get $over) (i64.lt_u (local.get $s2) (local.get $s))))
      (if (result i64) (i32.or (local.get $over) (i64.ge_u (local.get $s2) (local.get $n)))
        (then (i64.sub (local.get $s2) (local.get $n)))
        (else (local.get $s2))))

    ;; (a + b) mod n for a, b < n
    (func $addmod (param $a i64) (param $b i64) (param $n i64) (result i64)
      (local $s i64)
      (local.set $s (i64.add (local.get $a) (local.get $b)))
      (if (result i64) (i32.or (i64.lt_u (local.get $s) (local.get $a)) (i64.ge_u (local.get $s) (local.get $n)))
        (then (i64.sub (local.get $s) (local.get $n)))
        (else (local.get $s))))

    ;; 2^128 mod n (to enter the Montgomery domain: x * R^2 * R^-1 = x * R)
    (func $r2 (param $n i64) (result i64)
      (local $r i64) (local $i i32)
      (local.set $r (i64.rem_u (i64.sub (i64.const 0) (local.get $n)) (local.get $n)))
      (loop $next
        (local.set $r (call $addmod (local.get $r) (local.get $r) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (i32.const 64))))
      (local.get $r))

    (func $gcd (param $a i64) (param $b i64) (result i64)
      (local $shift i64) (local $t i64)
      (if (i64.eqz (local.get $a)) (then (return (local.get $b))))
      (if (i64.eqz (local.get $b)) (then (return (local.get $a))))
      (local.set $shift (i64.ctz (i64.or (local.get $a) (local.get $b))))
      (local.set $a (i64.shr_u (local.get $a) (i64.ctz (local.get $a))))
      (loop $next
        (local.set $b (i64.shr_u (local.get $b) (i64.ctz (local.get $b))))
        (if (i64.gt_u (local.get $a) (local.get $b))
          (then (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))))
        (local.set $b (i64.sub (local.get $b) (local.get $a)))
        (br_if $next (i64.ne (local.get $b) (i64.const 0))))
      (i64.shl (local.get $a) (local.get $shift)))

    ;; ---------------------------------------------------------------- primality

    (func $small-prime (param $i i32) (result i64)
      (i64.load (i32.add (i32.const 128) (i32.shl (local.get $i) (i32.const 3)))))

    (func $init-small-primes
      (i64.store (i32.const 128) (i64.const 2)) (i64.store (i32.const 136) (i64.const 3))
      (i64.store (i32.const 144) (i64.const 5)) (i64.store (i32.const 152) (i64.const 7))
      (i64.store (i32.const 160) (i64.const 11)) (i64.store (i32.const 168) (i64.const 13))
      (i64.store (i32.const 176) (i64.const 17)) (i64.store (i32.const 184) (i64.const 19))
      (i64.store (i32.const 192) (i64.const 23)) (i64.store (i32.const 200) (i64.const 29))
      (i64.store (i32.const 208) (i64.const 31)) (i64.store (i32.const 216) (i64.const 37)))
    (start $init-small-primes)

    ;; Miller-Rabin with bases 2..37: exact for every u64
    (func $is-prime (param $n i64) (result i32)
      (local $i i32) (local $p i64) (local $d i64) (local $s i64) (local $ninv i64) (local $one i64) (local $mone i64) (local $r2 i64)
      (local $x i64) (local $e i64) (local $b i64) (local $j i64)
      (if (i64.lt_u (local.get $n) (i64.const 2)) (then (return (i32.const 0))))
      (loop $small
        (local.set $p (call $small-prime (local.get $i)))
        (if (i64.eq (local.get $n) (local.get $p)) (then (return (i32.const 1))))
        (if (i64.eqz (i64.rem_u (local.get $n) (local.get $p))) (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $small (i32.lt_u (local.get $i) (i32.const 12))))
      (if (i64.lt_u (local.get $n) (i64.const 1369)) (then (return (i32.const 1))))
      (local.set $d (i64.sub (local.get $n) (i64.const 1)))
      (local.set $s (i64.ctz (local.get $d)))
      (local.set $d (i64.shr_u (local.get $d) (local.get $s)))
      (local.set $ninv (call $ninv (local.get $n)))
      (local.set $one (i64.rem_u (i64.sub (i64.const 0) (local.get $n)) (local.get $n)))
      (local.set $mone (i64.sub (local.get $n) (local.get $one)))
      (local.set $r2 (call $r2 (local.get $n)))
      (local.set $i (i32.const 0))
      (block $composite
        (loop $base
          ;; x = a^d in the Montgomery domain
          (local.set $b (call $montmul (call $small-prime (local.get $i)) (local.get $r2) (local.get $n) (local.get $ninv)))
          (local.set $x (local.get $one))
          (local.set $e (local.get $d))
          (loop $pow
            (if (i32.wrap_i64 (i64.and (local.get $e) (i64.const 1)))
              (then (local.set $x (call $montmul (local.get $x) (local.get $b) (local.get $n) (local.get $ninv)))))
            (local.set $b (call $montmul (local.get $b) (local.get $b) (local.get $n) (local.get $ninv)))
            (local.set $e (i64.shr_u (local.get $e) (i64.const 1)))
            (br_if $pow (i64.ne (local.get $e) (i64.const 0))))
          (block $probable
            (br_if $probable (i64.eq (local.get $x) (local.get $one)))
            (br_if $probable (i64.eq (local.get $x) (local.get $mone)))
            (local.set $j (i64.const 1))
            (loop $square
              (br_if $composite (i64.ge_u (local.get $j) (local.get $s)))
              (local.set $x (call $montmul (local.get $x) (local.get $x) (local.get $n) (local.get $ninv)))
              (br_if $probable (i64.eq (local.get $x) (local.get $mone)))
              (local.set $j (i64.add (local.get $j) (i64.const 1)))
              (br $square)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $base (i32.lt_u (local.get $i) (i32.const 12))))
        (return (i32.const 1)))
      (i32.const 0))

    ;; ---------------------------------------------------------------- factoring

    ;; one step of work; false (and $exhausted set) when the budget has run out
    (func $step (result i32)
      (if (i32.eqz (global.get $limited)) (then (return (i32.const 1))))
      (if (i64.eqz (global.get $left)) (then (global.set $exhausted (i32.const 1)) (return (i32.const 0))))
      (global.set $left (i64.sub (global.get $left) (i64.const 1)))
      (i32.const 1))

    (func $found (param $p i64)
      (i64.store (i32.add (i32.const 2048) (i32.shl (global.get $count) (i32.const 3))) (local.get $p))
      (global.set $count (i32.add (global.get $count) (i32.const 1))))

    (func $absdiff (param $a i64) (param $b i64) (result i64)
      (if (result i64) (i64.gt_u (local.get $a) (local.get $b))
        (then (i64.sub (local.get $a) (local.get $b)))
        (else (i64.sub (local.get $b) (local.get $a)))))

    ;; a non-trivial divisor of the odd composite n (Pollard's rho, Brent), n itself when this c fails,
    ;; 0 when the budget runs out
    (func $rho (param $n i64) (param $c i64) (result i64)
      (local $ninv i64) (local $x i64) (local $y i64) (local $ys i64) (local $q i64) (local $g i64) (local $r i64) (local $k i64)
      (local $i i64) (local $lim i64)
      (local.set $ninv (call $ninv (local.get $n)))
      (local.set $y (i64.const 2))
      (local.set $q (i64.const 1))
      (local.set $g (i64.const 1))
      (local.set $r (i64.const 1))
      (loop $outer
        (local.set $x (local.get $y))
        (local.set $i (i64.const 0))
        (block $done
          (loop $advance
            (br_if $done (i64.ge_u (local.get $i) (local.get $r)))
            (if (i32.eqz (call $step)) (then (return (i64.const 0))))
            (local.set $y (call $addmod (call $montmul (local.get $y) (local.get $y) (local.get $n) (local.get $ninv)) (local.get $c) (local.get $n)))
            (local.set $i (i64.add (local.get $i) (i64.const 1)))
            (br $advance)))
        (local.set $k (i64.const 0))
        (loop $inner
          (local.set $ys (local.get $y))
          (local.set $lim (select (i64.const 128) (i64.sub (local.get $r) (local.get $k)) (i64.lt_u (i64.const 128) (i64.sub (local.get $r) (local.get $k)))))
          (local.set $i (i64.const 0))
          (block $batch
            (loop $walk
              (br_if $batch (i64.ge_u (local.get $i) (local.get $lim)))
              (if (i32.eqz (call $step)) (then (return (i64.const 0))))
              (local.set $y (call $addmod (call $montmul (local.get $y) (local.get $y) (local.get $n) (local.get $ninv)) (local.get $c) (local.get $n)))
              (local.set $q (call $montmul (local.get $q) (call $absdiff (local.get $x) (local.get $y)) (local.get $n) (local.get $ninv)))
              (local.set $i (i64.add (local.get $i) (i64.const 1)))
              (br $walk)))
          (local.set $g (call $gcd (local.get $q) (local.get $n)))
          (local.set $k (i64.add (local.get $k) (i64.const 128)))
          (br_if $inner (i32.and (i64.lt_u (local.get $k) (local.get $r)) (i64.eq (local.get $g) (i64.const 1)))))
        (local.set $r (i64.shl (local.get $r) (i64.const 1)))
        (br_if $outer (i64.eq (local.get $g) (i64.const 1))))
      ;; the batch overshot (the product became 0 mod n): step from its start one gcd at a time
      (if (i64.eq (local.get $g) (local.get $n))
        (then
          (loop $back
            (if (i32.eqz (call $step)) (then (return (i64.const 0))))
            (local.set $ys (call $addmod (call $montmul (local.get $ys) (local.get $ys) (local.get $n) (local.get $ninv)) (local.get $c) (local.get $n)))
            (local.set $g (call $gcd (call $absdiff (local.get $x) (local.get $ys)) (local.get $n)))
            (br_if $back (i64.eq (local.get $g) (i64.const 1))))))
      (local.get $g))

    ;; trial division by 2 and the odd numbers up to the square root; 1 when the budget ran out ($rest set)
    (func $trial-division (param $m i64) (result i32)
      (local $d i64)
      (local.set $d (i64.const 2))
      (block $done
        (loop $next
          (br_if $done (i64.gt_u (local.get $d) (i64.div_u (local.get $m) (local.get $d))))
          (if (i32.eqz (call $step)) (then (global.set $rest (local.get $m)) (return (i32.const 1))))
          (if (i64.eqz (i64.rem_u (local.get $m) (local.get $d)))
            (then (call $found (local.get $d)) (local.set $m (i64.div_u (local.get $m) (local.get $d))))
            (else (local.set $d (i64.add (local.get $d) (select (i64.const 1) (i64.const 2) (i64.eq (local.get $d) (i64.const 2)))))))
          (br $next)))
      (if (i64.gt_u (local.get $m) (i64.const 1)) (then (call $found (local.get $m))))
      (i32.const 0))

    ;; the small primes, then Miller-Rabin and rho on what is left (a work stack at 1024); 1 when the budget ran out
    (func $rho-factor (param $m i64) (result i32)
      (local $i i32) (local $p i64) (local $sp i32) (local $x i64) (local $d i64) (local $c i64)
      (loop $small
        (local.set $p (call $small-prime (local.get $i)))
        (block $next-prime
          (loop $divide
            (br_if $next-prime (i64.ne (i64.rem_u (local.get $m) (local.get $p)) (i64.const 0)))
            (if (i32.eqz (call $step)) (then (global.set $rest (local.get $m)) (return (i32.const 1))))
            (call $found (local.get $p))
            (local.set $m (i64.div_u (local.get $m) (local.get $p)))
            (br $divide)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $small (i32.lt_u (local.get $i) (i32.const 12))))
      (i64.store (i32.const 1024) (local.get $m))
      (local.set $sp (i32.const 1))
      (block $done
        (loop $work
          (br_if $done (i32.eqz (local.get $sp)))
          (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
          (local.set $x (i64.load (i32.add (i32.const 1024) (i32.shl (local.get $sp) (i32.const 3)))))
          (block $handled
            (br_if $handled (i64.le_u (local.get $x) (i64.const 1)))
            (if (call $is-prime (local.get $x)) (then (call $found (local.get $x)) (br $handled)))
            (local.set $c (i64.const 1))
            (loop $retry
              (local.set $d (call $rho (local.get $x) (local.get $c)))
              (if (i64.eqz (local.get $d))
                (then
                  ;; out of budget: the rest is x times everything still on the stack
                  (global.set $rest (local.get $x))
                  (block $all
                    (loop $multiply
                      (br_if $all (i32.eqz (local.get $sp)))
                      (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
                      (global.set $rest (i64.mul (global.get $rest) (i64.load (i32.add (i32.const 1024) (i32.shl (local.get $sp) (i32.const 3))))))
                      (br $multiply)))
                  (return (i32.const 1))))
              (local.set $c (i64.add (local.get $c) (i64.const 1)))
              (br_if $retry (i64.eq (local.get $d) (local.get $x))))
            (i64.store (i32.add (i32.const 1024) (i32.shl (local.get $sp) (i32.const 3))) (local.get $d))
            (i64.store (i32.add (i32.const 1032) (i32.shl (local.get $sp) (i32.const 3))) (i64.div_u (local.get $x) (local.get $d)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 2))))
          (br $work)))
      (i32.const 0))

    ;; factors n into the primes at 2048 ($count of them); algorithm 0 = trial division, else rho.
    ;; 0: done, 1: the budget ran out ($rest is what is left)
    (func $factor-into (param $n i64) (param $algorithm i32) (param $limited i32) (param $budget i64) (result i32)
      (global.set $count (i32.const 0))
      (global.set $rest (i64.const 1))
      (global.set $limited (local.get $limited))
      (global.set $left (local.get $budget))
      (global.set $exhausted (i32.const 0))
      (if (result i32) (i32.eqz (local.get $algorithm))
        (then (call $trial-division (local.get $n)))
        (else (call $rho-factor (local.get $n)))))

    ;; sorts the primes found and writes them as list<prime-power> (16 bytes each) on the heap; $powers = its length
    (func $powers (param $descending i32) (result i32)
      (local $i i32) (local $j i32) (local $v i64) (local $list i32) (local $at i32) (local $k i32) (local $e i32) (local $p i64)
      ;; insertion sort, ascending
      (local.set $i (i32.const 1))
      (block $sorted
        (loop $outer
          (br_if $sorted (i32.ge_u (local.get $i) (global.get $count)))
          (local.set $v (i64.load (i32.add (i32.const 2048) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $j (local.get $i))
          (block $placed
            (loop $shift
              (br_if $placed (i32.eqz (local.get $j)))
              (br_if $placed (i64.le_u (i64.load (i32.add (i32.const 2040) (i32.shl (local.get $j) (i32.const 3)))) (local.get $v)))
              (i64.store (i32.add (i32.const 2048) (i32.shl (local.get $j) (i32.const 3)))
                         (i64.load (i32.add (i32.const 2040) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $j (i32.sub (local.get $j) (i32.const 1)))
              (br $shift)))
          (i64.store (i32.add (i32.const 2048) (i32.shl (local.get $j) (i32.const 3))) (local.get $v))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $outer)))
      ;; distinct primes
      (local.set $k (i32.const 0))
      (local.set $i (i32.const 0))
      (block $counted
        (loop $distinct
          (br_if $counted (i32.ge_u (local.get $i) (global.get $count)))
          (if (i32.or (i32.eqz (local.get $i))
                      (i64.ne (i64.load (i32.add (i32.const 2048) (i32.shl (local.get $i) (i32.const 3))))
                              (i64.load (i32.add (i32.const 2040) (i32.shl (local.get $i) (i32.const 3))))))
            (then (local.set $k (i32.add (local.get $k) (i32.const 1)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $distinct)))
      (local.set $list (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.shl (local.get $k) (i32.const 4))))
      (global.set $powers (local.get $k))
      ;; write (prime, exponent) groups, from the front or from the back
      (local.set $i (i32.const 0))
      (local.set $j (i32.const 0))
      (block $written
        (loop $group
          (br_if $written (i32.ge_u (local.get $i) (global.get $count)))
          (local.set $p (i64.load (i32.add (i32.const 2048) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $e (i32.const 0))
          (block $end
            (loop $same
              (br_if $end (i32.ge_u (local.get $i) (global.get $count)))
              (br_if $end (i64.ne (i64.load (i32.add (i32.const 2048) (i32.shl (local.get $i) (i32.const 3)))) (local.get $p)))
              (local.set $e (i32.add (local.get $e) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $same)))
          (local.set $at (i32.add (local.get $list)
            (i32.shl (select (i32.sub (i32.sub (local.get $k) (i32.const 1)) (local.get $j)) (local.get $j) (local.get $descending)) (i32.const 4))))
          (i64.store (local.get $at) (local.get $p))
          (i32.store offset=8 (local.get $at) (local.get $e))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $group)))
      (local.get $list))

    ;; writes result<factorization, factor-error> (32 bytes) at $at for n after $factor-into returned $status
    (func $write-result (param $at i32) (param $n i64) (param $status i32) (param $descending i32)
      (local $list i32)
      (local.set $list (call $powers (local.get $descending)))
      (if (i32.eqz (local.get $status))
        (then
          (i32.store8 (local.get $at) (i32.const 0))
          (i64.store offset=8 (local.get $at) (local.get $n))
          (i32.store offset=16 (local.get $at) (local.get $list))
          (i32.store offset=20 (local.get $at) (global.get $powers)))
        (else
          (i32.store8 (local.get $at) (i32.const 1))
          (i32.store8 offset=8 (local.get $at) (i32.const 1))
          (i32.store offset=16 (local.get $at) (local.get $list))
          (i32.store offset=20 (local.get $at) (global.get $powers))
          (i64.store offset=24 (local.get $at) (global.get $rest)))))

    (func $no-factorization (param $at i32) (param $n i64)
      (i32.store8 (local.get $at) (i32.const 1))
      (i32.store8 offset=8 (local.get $at) (i32.const 0))
      (i64.store offset=16 (local.get $at) (local.get $n)))

    ;; ---------------------------------------------------------------- exports

    ;; factor: func(n: u64, algorithm: algorithm, budget: option<u64>) -> result<factorization, factor-error>
    (func (export "factor") (param $n i64) (param $algorithm i32) (param $has-budget i32) (param $budget i64) (result i32)
      (if (i64.lt_u (local.get $n) (i64.const 2))
        (then (call $no-factorization (i32.const 64) (local.get $n)) (return (i32.const 64))))
      (call $report (local.get $n) (i32.const 0) (i32.const 256) (i32.const 8))
      (call $write-result (i32.const 64) (local.get $n)
        (call $factor-into (local.get $n) (local.get $algorithm) (local.get $has-budget) (local.get $budget)) (i32.const 0))
      (call $report (local.get $n) (i32.const 100) (i32.const 264) (i32.const 8))
      (i32.const 64))

    (func (export "is-prime") (param $n i64) (result i32) (call $is-prime (local.get $n)))

    ;; a free batch slot, initialized; its rep is slot + 1
    (func $new-slot (param $options i32) (result i32)
      (local $slot i32)
      (block $found
        (loop $scan
          (br_if $found (i32.eqz (i32.load $bat (i32.shl (local.get $slot) (i32.const 5)))))
          (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
          (br_if $scan (i32.lt_u (local.get $slot) (i32.const 256)))
          unreachable)) ;; more than 256 live batches
      (i32.store $bat (i32.shl (local.get $slot) (i32.const 5)) (i32.const 1))
      (i32.store $bat offset=4 (i32.shl (local.get $slot) (i32.const 5)) (local.get $options))
      (i32.store $bat offset=8 (i32.shl (local.get $slot) (i32.const 5)) (i32.const 0))
      (i32.store $bat offset=12 (i32.shl (local.get $slot) (i32.const 5)) (i32.const 0))
      (i32.store $bat offset=16 (i32.shl (local.get $slot) (i32.const 5)) (i32.const 0))
      (global.set $live (i32.add (global.get $live) (i32.const 1)))
      (i32.add (local.get $slot) (i32.const 1)))

    (func $slot (param $rep i32) (result i32) (i32.shl (i32.sub (local.get $rep) (i32.const 1)) (i32.const 5)))

    ;; appends n to a batch, growing its array (memory 1) by doubling
    (func $append (param $rep i32) (param $n i64) (result i32)
      (local $s i32) (local $len i32) (local $cap i32) (local $data i32) (local $end i32) (local $have i32)
      (local.set $s (call $slot (local.get $rep)))
      (local.set $len (i32.load $bat offset=8 (local.get $s)))
      (local.set $cap (i32.load $bat offset=12 (local.get $s)))
      (if (i32.eq (local.get $len) (local.get $cap))
        (then
          (local.set $cap (select (i32.const 8) (i32.shl (local.get $cap) (i32.const 1)) (i32.eqz (local.get $cap))))
          (local.set $data (global.get $bheap))
          (local.set $end (i32.add (local.get $data) (i32.shl (local.get $cap) (i32.const 3))))
          (local.set $have (i32.shl (memory.size $bat) (i32.const 16)))
          (if (i32.gt_u (local.get $end) (local.get $have))
            (then
              (if (i32.eq (memory.grow $bat (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1))) (i32.const -1))
                (then unreachable))))
          (global.set $bheap (local.get $end))
          (memory.copy $bat $bat (local.get $data) (i32.load $bat offset=16 (local.get $s)) (i32.shl (local.get $len) (i32.const 3)))
          (i32.store $bat offset=12 (local.get $s) (local.get $cap))
          (i32.store $bat offset=16 (local.get $s) (local.get $data))))
      (i64.store $bat (i32.add (i32.load $bat offset=16 (local.get $s)) (i32.shl (local.get $len) (i32.const 3))) (local.get $n))
      (i32.store $bat offset=8 (local.get $s) (i32.add (local.get $len) (i32.const 1)))
      (local.get $len))

    ;; [constructor]batch: func(options: report-options) -> batch
    (func (export "batch-new") (param $options i32) (result i32)
      (call $batch-new-handle (call $new-slot (local.get $options))))

    ;; [method]batch.push: func(self: borrow<batch>, n: u64) -> u32 (self arrives as the rep)
    (func (export "batch-push") (param $rep i32) (param $n i64) (result i32)
      (call $append (local.get $rep) (local.get $n)))

    ;; [method]batch.len: func(self: borrow<batch>) -> u32
    (func (export "batch-len") (param $rep i32) (result i32)
      (i32.load $bat offset=8 (call $slot (local.get $rep))))

    ;; [method]batch.run: func(self: borrow<batch>) -> list<result<factorization, factor-error>>
    (func (export "batch-run") (param $rep i32) (result i32)
      (local $s i32) (local $len i32) (local $options i32) (local $list i32) (local $i i32) (local $n i64) (local $at i32) (local $j i32) (local $product i64)
      (local.set $s (call $slot (local.get $rep)))
      (local.set $len (i32.load $bat offset=8 (local.get $s)))
      (local.set $options (i32.load $bat offset=4 (local.get $s)))
      (local.set $list (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.shl (local.get $len) (i32.const 5))))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $n (i64.load $bat (i32.add (i32.load $bat offset=16 (local.get $s)) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $at (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 5))))
          (if (i64.lt_u (local.get $n) (i64.const 2))
            (then
              (if (i32.and (local.get $options) (i32.const 1))
                (then ;; include-trivial: 0 and 1 factor into nothing instead of an error
                  (i32.store8 (local.get $at) (i32.const 0))
                  (i64.store offset=8 (local.get $at) (local.get $n))
                  (i32.store offset=16 (local.get $at) (i32.const 8))
                  (i32.store offset=20 (local.get $at) (i32.const 0)))
                (else (call $no-factorization (local.get $at) (local.get $n)))))
            (else
              (call $write-result (local.get $at) (local.get $n)
                (call $factor-into (local.get $n) (i32.const 2) (i32.const 0) (i64.const 0))
                (i32.and (i32.shr_u (local.get $options) (i32.const 1)) (i32.const 1)))
              (if (i32.and (local.get $options) (i32.const 4))
                (then ;; verify: the factors multiply back to n
                  (local.set $product (i64.const 1))
                  (local.set $j (i32.const 0))
                  (block $checked
                    (loop $multiply
                      (br_if $checked (i32.ge_u (local.get $j) (global.get $count)))
                      (local.set $product (i64.mul (local.get $product) (i64.load (i32.add (i32.const 2048) (i32.shl (local.get $j) (i32.const 3))))))
                      (local.set $j (i32.add (local.get $j) (i32.const 1)))
                      (br $multiply)))
                  (if (i64.ne (local.get $product) (local.get $n)) (then unreachable))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (i32.store (i32.const 96) (local.get $list))
      (i32.store (i32.const 100) (local.get $len))
      (i32.const 96))

    ;; [static]batch.merge: func(a: borrow<batch>, b: borrow<batch>) -> batch
    (func (export "batch-merge") (param $a i32) (param $b i32) (result i32)
      (local $rep i32) (local $i i32) (local $s i32)
      (local.set $rep (call $new-slot (i32.load $bat offset=4 (call $slot (local.get $a)))))
      (local.set $s (call $slot (local.get $a)))
      (block $done-a
        (loop $copy-a
          (br_if $done-a (i32.ge_u (local.get $i) (i32.load $bat offset=8 (local.get $s))))
          (drop (call $append (local.get $rep) (i64.load $bat (i32.add (i32.load $bat offset=16 (local.get $s)) (i32.shl (local.get $i) (i32.const 3))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $copy-a)))
      (local.set $s (call $slot (local.get $b)))
      (local.set $i (i32.const 0))
      (block $done-b
        (loop $copy-b
          (br_if $done-b (i32.ge_u (local.get $i) (i32.load $bat offset=8 (local.get $s))))
          (drop (call $append (local.get $rep) (i64.load $bat (i32.add (i32.load $bat offset=16 (local.get $s)) (i32.shl (local.get $i) (i32.const 3))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $copy-b)))
      (call $batch-new-handle (local.get $rep)))
  )
  (core instance $main (instantiate $main
    (with "libc" (instance $libc))
    (with "host" (instance (export "report" (func $report-core)) (export "batch-new" (func $batch-new-handle))))))

  (func $factor (param "n" u64) (param "algorithm" $algorithm) (param "budget" (option u64)) (result (result $factorization (error $factor-error)))
    (canon lift (core func $main "factor") (memory $mem) (realloc $realloc) (post-return $reset)))
  (func $is-prime (param "n" u64) (result bool)
    (canon lift (core func $main "is-prime")))
  (func $batch-new (param "options" $report-options) (result (own $batch))
    (canon lift (core func $main "batch-new")))
  (func $batch-push (param "self" (borrow $batch)) (param "n" u64) (result u32)
    (canon lift (core func $main "batch-push")))
  (func $batch-run (param "self" (borrow $batch)) (result (list (result $factorization (error $factor-error))))
    (canon lift (core func $main "batch-run") (memory $mem) (realloc $realloc) (post-return $reset)))
  (func $batch-len (param "self" (borrow $batch)) (result u32)
    (canon lift (core func $main "batch-len")))
  (func $batch-merge (param "a" (borrow $batch)) (param "b" (borrow $batch)) (result (own $batch))
    (canon lift (core func $main "batch-merge")))

  ;; The exported interface instance, built by a small component that names the resource for the functions' types
  ;; (exported functions may only use types that are exported or imported).
  (component $factorize-shim
    (type $prime-power' (record (field "prime" u64) (field "exponent" u32)))
    (import "import-type-prime-power" (type $prime-power (eq $prime-power')))
    (type $factorization' (record (field "n" u64) (field "factors" (list $prime-power))))
    (import "import-type-factorization" (type $factorization (eq $factorization')))
    (type $partial-result' (record (field "found" (list $prime-power)) (field "remaining-cofactor" u64)))
    (import "import-type-partial-result" (type $partial-result (eq $partial-result')))
    (type $factor-error' (variant (case "no-factorization" u64) (case "budget-exhausted" $partial-result) (case "cancelled")))
    (import "import-type-factor-error" (type $factor-error (eq $factor-error')))
    (type $algorithm' (enum "trial-division" "pollard-rho" "automatic"))
    (import "import-type-algorithm" (type $algorithm (eq $algorithm')))
    (type $report-options' (flags "include-trivial" "sort-descending" "verify"))
    (import "import-type-report-options" (type $report-options (eq $report-options')))
    (import "import-type-batch" (type $batch (sub resource)))
    (import "import-func-factor" (func $factor (param "n" u64) (param "algorithm" $algorithm) (param "budget" (option u64)) (result (result $factorization (error $factor-error)))))
    (import "import-func-is-prime" (func $is-prime (param "n" u64) (result bool)))
    (import "import-func-batch-new" (func $batch-new (param "options" $report-options) (result (own $batch))))
    (import "import-func-batch-push" (func $batch-push (param "self" (borrow $batch)) (param "n" u64) (result u32)))
    (import "import-func-batch-run" (func $batch-run (param "self" (borrow $batch)) (result (list (result $factorization (error $factor-error))))))
    (import "import-func-batch-len" (func $batch-len (param "self" (borrow $batch)) (result u32)))
    (import "import-func-batch-merge" (func $batch-merge (param "a" (borrow $batch)) (param "b" (borrow $batch)) (result (own $batch))))
    (export $batch' "batch" (type $batch))
    (export "factor" (func $factor))
    (export "is-prime" (func $is-prime))
    (export "[constructor]batch" (func $batch-new) (func (param "options" $report-options) (result (own $batch'))))
    (export "[method]batch.push" (func $batch-push) (func (param "self" (borrow $batch')) (param "n" u64) (result u32)))
    (export "[method]batch.run" (func $batch-run) (func (param "self" (borrow $batch')) (result (list (result $factorization (error $factor-error))))))
    (export "[method]batch.len" (func $batch-len) (func (param "self" (borrow $batch')) (result u32)))
    (export "[static]batch.merge" (func $batch-merge) (func (param "a" (borrow $batch')) (param "b" (borrow $batch')) (result (own $batch'))))
  )
  (alias export $types "prime-power" (type $prime-power))
  (alias export $types "partial-result" (type $partial-result))
  (instance $factorize (instantiate $factorize-shim
    (with "import-type-prime-power" (type $prime-power))
    (with "import-type-factorization" (type $factorization))
    (with "import-type-partial-result" (type $partial-result))
    (with "import-type-factor-error" (type $factor-error))
    (with "import-type-algorithm" (type $algorithm))
    (with "import-type-report-options" (type $report-options))
    (with "import-type-batch" (type $batch))
    (with "import-func-factor" (func $factor))
    (with "import-func-is-prime" (func $is-prime))
    (with "import-func-batch-new" (func $batch-new))
    (with "import-func-batch-push" (func $batch-push))
    (with "import-func-batch-run" (func $batch-run))
    (with "import-func-batch-len" (func $batch-len))
    (with "import-func-batch-merge" (func $batch-merge))))
  (export "wittools:factorization/factorize@0.1.0" (instance $factorize))
)
