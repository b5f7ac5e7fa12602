;; Element-wise passes of a training step that tfjs's ops make in several kernels, each
;; reading and writing tfjs's own heap in place: four floats at a time, then the tail.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; out = dy * step(x), step(x) being 1 where x > 0, NaN where x is NaN, else 0: tfjs's Relu
  ;; gradient (Step, then Multiply) in one pass, with the same IEEE products (0 * Inf is NaN).
  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $n i32) (param $out i32)
    (local $at i32) (local $end i32) (local $v v128) (local $s f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectorsDone
      (br_if $vectorsDone (i32.eqz (local.get $end)))
      (loop $vectors
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $at))))
        (v128.store (i32.add (local.get $out) (local.get $at))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $at)))
            (v128.or
              (v128.and (f32x4.gt (local.get $v) (f32x4.splat (f32.const 0))) (f32x4.splat (f32.const 1)))
              (v128.and (f32x4.ne (local.get $v) (local.get $v)) (f32x4.splat (f32.const nan))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $end)))))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
      (loop $tail
        (local.set $s (f32.load (i32.add (local.get $x) (local.get $at))))
        (f32.store (i32.add (local.get $out) (local.get $at))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $at)))
            (select (f32.const nan)
              (select (f32.const 1) (f32.const 0) (f32.gt (local.get $s) (f32.const 0)))
              (f32.ne (local.get $s) (local.get $s)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br_if $tail (i32.lt_u (local.get $at) (local.get $end))))))

  ;; One Adam step over n floats, as the webgpu kernel computes it (float32 throughout):
  ;;   m' = beta1 m + (1 - beta1) g,  v' = beta2 v + (1 - beta2) g g,
  ;;   x' = x - lr (m' / correction1) / (sqrt(v' / correction2) + epsilon),
  ;; correction_i = 1 - beta_i^step. Writes x', m', v' to outX, outM, outV.
  (func (export "adamUpdate")
    (param $x i32) (param $m i32) (param $v i32) (param $g i32) (param $n i32)
    (param $lr f32) (param $beta1 f32) (param $beta2 f32) (param $epsilon f32) (param $correction1 f32) (param $correction2 f32)
    (param $outX i32) (param $outM i32) (param $outV i32)
    (local $at i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectorsDone
      (br_if $vectorsDone (i32.eqz (local.get $end)))
      (loop $vectors
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $mv
          (f32x4.add
            (f32x4.mul (f32x4.splat (local.get $beta1)) (v128.load (i32.add (local.get $m) (local.get $at))))
            (f32x4.mul (f32x4.splat (f32.sub (f32.const 1) (local.get $beta1))) (local.get $gv))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (f32x4.splat (local.get $beta2)) (v128.load (i32.add (local.get $v) (local.get $at))))
            (f32x4.mul (f32x4.mul (f32x4.splat (f32.sub (f32.const 1) (local.get $beta2))) (local.get $gv)) (local.get $gv))))
        (v128.store (i32.add (local.get $outX) (local.get $at))
          (f32x4.sub
            (v128.load (i32.add (local.get $x) (local.get $at)))
            (f32x4.div
              (f32x4.mul (f32x4.splat (local.get $lr)) (f32x4.div (local.get $mv) (f32x4.splat (local.get $correction1))))
              (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (f32x4.splat (local.get $correction2)))) (f32x4.splat (local.get $epsilon))))))
        (v128.store (i32.add (local.get $outM) (local.get $at)) (local.get $mv))
        (v128.store (i32.add (local.get $outV) (local.get $at)) (local.get $vv))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $end)))))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
      (loop $tail
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $at))))
        (local.set $ms
          (f32.add
            (f32.mul (local.get $beta1) (f32.load (i32.add (local.get $m) (local.get $at))))
            (f32.mul (f32.sub (f32.const 1) (local.get $beta1)) (local.get $gs))))
        (local.set $vs
          (f32.add
            (f32.mul (local.get $beta2) (f32.load (i32.add (local.get $v) (local.get $at))))
            (f32.mul (f32.mul (f32.sub (f32.const 1) (local.get $beta2)) (local.get $gs)) (local.get $gs))))
        (f32.store (i32.add (local.get $outX) (local.get $at))
          (f32.sub
            (f32.load (i32.add (local.get $x) (local.get $at)))
            (f32.div
              (f32.mul (local.get $lr) (f32.div (local.get $ms) (local.get $correction1)))
              (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $correction2))) (local.get $epsilon)))))
        (f32.store (i32.add (local.get $outM) (local.get $at)) (local.get $ms))
        (f32.store (i32.add (local.get $outV) (local.get $at)) (local.get $vs))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br_if $tail (i32.lt_u (local.get $at) (local.get $end)))))))
