;; BatchNorm in training over NHWC data, channels last, `c` floats per pixel (c % 4 = 0),
;; reading and writing tfjs's own heap in place. Per-channel sums go through f32 partials over
;; blocks of at most 64 pixels (`part`, c floats) into f64 totals (`acc`, c doubles), so that
;; hundreds of thousands of pixels sum without float32's rounding drift.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; acc[ch] += part[ch] for every channel, then part = 0.
  (func $flush (param $part i32) (param $acc i32) (param $c i32)
    (local $ch i32) (local $v v128)
    (local.set $ch (i32.const 0))
    (loop $channels
      (local.set $v (v128.load (i32.add (local.get $part) (i32.shl (local.get $ch) (i32.const 2)))))
      (v128.store (i32.add (local.get $acc) (i32.shl (local.get $ch) (i32.const 3)))
        (f64x2.add (v128.load (i32.add (local.get $acc) (i32.shl (local.get $ch) (i32.const 3))))
          (f64x2.promote_low_f32x4 (local.get $v))))
      (v128.store (i32.add (local.get $acc) (i32.add (i32.shl (local.get $ch) (i32.const 3)) (i32.const 16)))
        (f64x2.add (v128.load (i32.add (local.get $acc) (i32.add (i32.shl (local.get $ch) (i32.const 3)) (i32.const 16))))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
      (local.set $ch (i32.add (local.get $ch) (i32.const 4)))
      (br_if $channels (i32.lt_u (local.get $ch) (local.get $c))))
    (memory.fill (local.get $part) (i32.const 0) (i32.shl (local.get $c) (i32.const 2))))

  ;; acc[ch] += sum over pixels of (x - center[ch]), and acc2[ch] += sum of its square when
  ;; `squares` is set. acc/acc2 must hold zeros or earlier sums; part/part2 zeros.
  (func (export "channelSums")
    (param $x i32) (param $pixels i32) (param $c i32) (param $center i32) (param $squares i32)
    (param $part i32) (param $acc i32) (param $part2 i32) (param $acc2 i32)
    (local $row i32) (local $p i32) (local $blockEnd i32) (local $g i32) (local $v v128)
    (local.set $row (i32.shl (local.get $c) (i32.const 2)))
    (local.set $p (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $pixels)))
        (local.set $blockEnd (i32.add (local.get $p) (i32.const 64)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $pixels)) (then (local.set $blockEnd (local.get $pixels))))
        (loop $pixel
          (local.set $g (i32.const 0))
          (loop $group
            (local.set $v (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $g)))
                                     (v128.load (i32.add (local.get $center) (local.get $g)))))
            (v128.store (i32.add (local.get $part) (local.get $g))
              (f32x4.add (v128.load (i32.add (local.get $part) (local.get $g))) (local.get $v)))
            (if (local.get $squares) (then
              (v128.store (i32.add (local.get $part2) (local.get $g))
                (f32x4.add (v128.load (i32.add (local.get $part2) (local.get $g))) (f32x4.mul (local.get $v) (local.get $v))))))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br_if $group (i32.lt_u (local.get $g) (local.get $row))))
          (local.set $x (i32.add (local.get $x) (local.get $row)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $pixel (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (call $flush (local.get $part) (local.get $acc) (local.get $c))
        (if (local.get $squares) (then (call $flush (local.get $part2) (local.get $acc2) (local.get $c))))
        (br $blocks))))

  ;; acc[ch] += sum of dy, acc2[ch] += sum of dy (x - center[ch]): the sums BatchNorm's gradient needs.
  (func (export "gradientSums")
    (param $dy i32) (param $x i32) (param $pixels i32) (param $c i32) (param $center i32)
    (param $part i32) (param $acc i32) (param $part2 i32) (param $acc2 i32)
    (local $row i32) (local $p i32) (local $blockEnd i32) (local $g i32) (local $d v128)
    (local.set $row (i32.shl (local.get $c) (i32.const 2)))
    (local.set $p (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $pixels)))
        (local.set $blockEnd (i32.add (local.get $p) (i32.const 64)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $pixels)) (then (local.set $blockEnd (local.get $pixels))))
        (loop $pixel
          (local.set $g (i32.const 0))
          (loop $group
            (local.set $d (v128.load (i32.add (local.get $dy) (local.get $g))))
            (v128.store (i32.add (local.get $part) (local.get $g))
              (f32x4.add (v128.load (i32.add (local.get $part) (local.get $g))) (local.get $d)))
            (v128.store (i32.add (local.get $part2) (local.get $g))
              (f32x4.add (v128.load (i32.add (local.get $part2) (local.get $g)))
                (f32x4.mul (local.get $d)
                  (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $g)))
                             (v128.load (i32.add (local.get $center) (local.get $g)))))))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br_if $group (i32.lt_u (local.get $g) (local.get $row))))
          (local.set $dy (i32.add (local.get $dy) (local.get $row)))
          (local.set $x (i32.add (local.get $x) (local.get $row)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $pixel (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (call $flush (local.get $part) (local.get $acc) (local.get $c))
        (call $flush (local.get $part2) (local.get $acc2) (local.get $c))
        (br $blocks))))

  ;; out = a[ch] u + b[ch] v + k[ch], pixel by pixel; v may be 0 (no second term): y = k x + b for
  ;; the forward pass, dx = a dy + b x + k for the gradient.
  (func (export "affine")
    (param $u i32) (param $v i32) (param $pixels i32) (param $c i32)
    (param $a i32) (param $b i32) (param $k i32) (param $out i32)
    (local $row i32) (local $end i32) (local $g i32) (local $y v128)
    (local.set $row (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.mul (local.get $pixels) (local.get $row))))
    (block $done
      (loop $pixel
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $g (i32.const 0))
        (loop $group
          (local.set $y (f32x4.add (v128.load (i32.add (local.get $k) (local.get $g)))
            (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $g))) (v128.load (i32.add (local.get $u) (local.get $g))))))
          (if (local.get $v) (then
            (local.set $y (f32x4.add (local.get $y)
              (f32x4.mul (v128.load (i32.add (local.get $b) (local.get $g))) (v128.load (i32.add (local.get $v) (local.get $g))))))))
          (v128.store (i32.add (local.get $out) (local.get $g)) (local.get $y))
          (local.set $g (i32.add (local.get $g) (i32.const 16)))
          (br_if $group (i32.lt_u (local.get $g) (local.get $row))))
        (local.set $u (i32.add (local.get $u) (local.get $row)))
        (if (local.get $v) (then (local.set $v (i32.add (local.get $v) (local.get $row)))))
        (local.set $out (i32.add (local.get $out) (local.get $row)))
        (br $pixel))))
)
