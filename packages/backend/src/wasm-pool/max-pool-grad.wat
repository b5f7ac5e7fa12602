;; MaxPool's gradient for 2x2 windows at stride 2 that lie inside x (airbench's and ResNet-9's
;; pools), NHWC float32 with `c` channels (c % 4 = 0), reading and writing tfjs's own heap in
;; place. Each window's dy goes to its first maximum in row-major order, as cpu, TensorFlow
;; and PyTorch do; the window's other elements, and the last row and column where the size
;; is odd (no window covers them), get 0. Four channels at a time, without branches.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32) (param $images i32)
    (param $inHeight i32) (param $inWidth i32) (param $c i32) (param $outHeight i32) (param $outWidth i32)
    (local $pixel i32) (local $row i32) (local $covered i32) (local $image i32) (local $oh i32) (local $ow i32)
    (local $at i32) (local $end i32) (local $offset i32)
    (local $a v128) (local $b v128) (local $d v128) (local $best v128) (local $g v128)
    (local $bWins v128) (local $cWins v128) (local $dWins v128)
    (local.set $pixel (i32.shl (local.get $c) (i32.const 2)))
    (local.set $row (i32.mul (local.get $inWidth) (local.get $pixel)))
    ;; Bytes of a pair of input rows that windows cover.
    (local.set $covered (i32.mul (i32.shl (local.get $outWidth) (i32.const 1)) (local.get $pixel)))
    (local.set $image (i32.const 0))
    (loop $images
      (local.set $oh (i32.const 0))
      (loop $rows
        ;; $offset: the window row's first byte in x and dx, relative to x and dx.
        (local.set $offset (i32.add (i32.mul (local.get $image) (i32.mul (local.get $inHeight) (local.get $row)))
                                    (i32.mul (i32.shl (local.get $oh) (i32.const 1)) (local.get $row))))
        (local.set $ow (i32.const 0))
        (loop $windows
          (local.set $at (i32.add (local.get $offset) (i32.mul (i32.shl (local.get $ow) (i32.const 1)) (local.get $pixel))))
          (local.set $end (i32.add (local.get $at) (local.get $pixel)))
          (loop $channels
            (local.set $a (v128.load (i32.add (local.get $x) (local.get $at))))
            (local.set $b (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $pixel)))))
            (local.set $bWins (f32x4.gt (local.get $b) (local.get $a)))
            (local.set $best (v128.bitselect (local.get $b) (local.get $a) (local.get $bWins)))
            (local.set $d (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $row)))))
            (local.set $cWins (f32x4.gt (local.get $d) (local.get $best)))
            (local.set $best (v128.bitselect (local.get $d) (local.get $best) (local.get $cWins)))
            (local.set $d (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (i32.add (local.get $row) (local.get $pixel))))))
            (local.set $dWins (f32x4.gt (local.get $d) (local.get $best)))
            (local.set $g (v128.load (local.get $dy)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (i32.add (local.get $row) (local.get $pixel))))
              (v128.and (local.get $g) (local.get $dWins)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $row)))
              (v128.and (local.get $g) (v128.andnot (local.get $cWins) (local.get $dWins))))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $pixel)))
              (v128.and (local.get $g) (v128.andnot (v128.andnot (local.get $bWins) (local.get $cWins)) (local.get $dWins))))
            (v128.store (i32.add (local.get $dx) (local.get $at))
              (v128.andnot (local.get $g) (v128.or (v128.or (local.get $bWins) (local.get $cWins)) (local.get $dWins))))
            (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br_if $channels (i32.lt_u (local.get $at) (local.get $end))))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br_if $windows (i32.lt_u (local.get $ow) (local.get $outWidth))))
        ;; An odd width: the last column of both rows.
        (memory.fill (i32.add (local.get $dx) (i32.add (local.get $offset) (local.get $covered))) (i32.const 0)
          (i32.sub (local.get $row) (local.get $covered)))
        (memory.fill (i32.add (local.get $dx) (i32.add (local.get $offset) (i32.add (local.get $row) (local.get $covered)))) (i32.const 0)
          (i32.sub (local.get $row) (local.get $covered)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $oh) (local.get $outHeight))))
      ;; An odd height: the last row.
      (local.set $offset (i32.mul (local.get $image) (i32.mul (local.get $inHeight) (local.get $row))))
      (memory.fill (i32.add (local.get $dx) (i32.add (local.get $offset) (i32.mul (i32.shl (local.get $outHeight) (i32.const 1)) (local.get $row))))
        (i32.const 0)
        (i32.mul (i32.sub (local.get $inHeight) (i32.shl (local.get $outHeight) (i32.const 1))) (local.get $row)))
      (local.set $image (i32.add (local.get $image) (i32.const 1)))
      (br_if $images (i32.lt_u (local.get $image) (local.get $images))))))
