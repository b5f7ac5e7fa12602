;; The filter gradient of a convolution: out[t][ci][co] += sum over positions p of
;; x_t[p][ci] * dy[p][co], one outer-product GEMM per filter tap t, where x_t is x seen from
;; tap t (a pointer per tap) and dy has `cout` floats per position, `cin` for x.
;; dy is images x imageRows x rowLen positions, packed. x's rows are xRowStride bytes apart
;; and its images xImageStride: wider than dy's, so that every tap finds its window.
;; Positions go in blocks of up to blockRows rows of one image, small enough that a block
;; of dy stays in L1 across the taps and channel tiles; each 4 (ci) x 8 (co) output tile
;; lives in 8 registers over a block. Threads claim blocks (blocksPerImage per image,
;; `claims` in all) from a shared counter, an i32 at `counter` that is zero before the first
;; thread starts, so a slower thread takes fewer; cin % 4 = cout % 8 = 0.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func (export "filterGrad")
    (param $tapPtrs i32) (param $ntaps i32) (param $dy i32) (param $out i32) (param $counter i32)
    (param $claims i32) (param $blocksPerImage i32) (param $blockRows i32) (param $imageRows i32)
    (param $rowLen i32) (param $xImageStride i32) (param $xRowStride i32) (param $cin i32) (param $cout i32)
    (local $claim i32) (local $image i32) (local $h0 i32) (local $rows i32) (local $j i32)
    (local $xoff i32) (local $t i32) (local $xt i32) (local $dyc i32) (local $outt i32)
    (local $ci i32) (local $co i32) (local $px i32) (local $pd i32) (local $end i32) (local $row i32)
    (local $xs i32) (local $ds i32) (local $dyRow i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $xv v128) (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $xs (i32.shl (local.get $cin) (i32.const 2)))
    (local.set $ds (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $dyRow (i32.mul (local.get $rowLen) (local.get $ds)))
    (block $done
      (loop $blocks
        ;; Claim the next block: image, first row, rows.
        (local.set $claim (i32.atomic.rmw.add (local.get $counter) (i32.const 1)))
        (br_if $done (i32.ge_u (local.get $claim) (local.get $claims)))
        (local.set $image (i32.div_u (local.get $claim) (local.get $blocksPerImage)))
        (local.set $h0 (i32.mul (local.get $blockRows)
            (i32.sub (local.get $claim) (i32.mul (local.get $image) (local.get $blocksPerImage)))))
        (local.set $rows (i32.sub (local.get $imageRows) (local.get $h0)))
        (if (i32.lt_u (local.get $blockRows) (local.get $rows)) (then (local.set $rows (local.get $blockRows))))
        (local.set $dyc (i32.add (local.get $dy) (i32.mul (local.get $dyRow)
              (i32.add (i32.mul (local.get $image) (local.get $imageRows)) (local.get $h0)))))
        (local.set $xoff (i32.add (i32.mul (local.get $image) (local.get $xImageStride))
            (i32.mul (local.get $h0) (local.get $xRowStride))))
        (local.set $t (i32.const 0))
        (loop $taps
          (local.set $xt (i32.add
              (i32.load (i32.add (local.get $tapPtrs) (i32.shl (local.get $t) (i32.const 2))))
              (local.get $xoff)))
          (local.set $outt (i32.add (local.get $out) (i32.mul (i32.mul (local.get $t) (local.get $cin)) (local.get $ds))))
          (local.set $ci (i32.const 0))
          (loop $cis
            (local.set $co (i32.const 0))
            (loop $cos
              ;; Load the 4 x 8 output tile at (ci, co) into a0..a7 (rows ci..ci+3, 2 vectors each).
              (local.set $row (i32.add (local.get $outt)
                  (i32.shl (i32.add (i32.mul (local.get $ci) (local.get $cout)) (local.get $co)) (i32.const 2))))
              (local.set $a0 (v128.load (local.get $row)))
              (local.set $a1 (v128.load offset=16 (local.get $row)))
              (local.set $row (i32.add (local.get $row) (local.get $ds)))
              (local.set $a2 (v128.load (local.get $row)))
              (local.set $a3 (v128.load offset=16 (local.get $row)))
              (local.set $row (i32.add (local.get $row) (local.get $ds)))
              (local.set $a4 (v128.load (local.get $row)))
              (local.set $a5 (v128.load offset=16 (local.get $row)))
              (local.set $row (i32.add (local.get $row) (local.get $ds)))
              (local.set $a6 (v128.load (local.get $row)))
              (local.set $a7 (v128.load offset=16 (local.get $row)))
              (local.set $j (i32.const 0))
              (loop $rowsOfBlock
                (local.set $px (i32.add (i32.add (local.get $xt) (i32.shl (local.get $ci) (i32.const 2)))
                    (i32.mul (local.get $j) (local.get $xRowStride))))
                (local.set $pd (i32.add (i32.add (local.get $dyc) (i32.shl (local.get $co) (i32.const 2)))
                    (i32.mul (local.get $j) (local.get $dyRow))))
                (local.set $end (i32.add (local.get $pd) (local.get $dyRow)))
                (loop $ps
                  ;; One position: 4 x values, each broadcast, times 8 dy values.
                  (local.set $xv (v128.load (local.get $px)))
                  (local.set $b0 (v128.load (local.get $pd)))
                  (local.set $b1 (v128.load offset=16 (local.get $pd)))
                  (local.set $s (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $xv) (local.get $xv)))
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $b0))))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $b1))))
                  (local.set $s (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $xv) (local.get $xv)))
                  (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $b0))))
                  (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $b1))))
                  (local.set $s (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $xv) (local.get $xv)))
                  (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $b0))))
                  (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $b1))))
                  (local.set $s (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $xv) (local.get $xv)))
                  (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $b0))))
                  (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $b1))))
                  (local.set $px (i32.add (local.get $px) (local.get $xs)))
                  (local.set $pd (i32.add (local.get $pd) (local.get $ds)))
                  (br_if $ps (i32.lt_u (local.get $pd) (local.get $end))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $rowsOfBlock (i32.lt_u (local.get $j) (local.get $rows))))
              (local.set $row (i32.add (local.get $outt)
                  (i32.shl (i32.add (i32.mul (local.get $ci) (local.get $cout)) (local.get $co)) (i32.const 2))))
              (v128.store (local.get $row) (local.get $a0))
              (v128.store offset=16 (local.get $row) (local.get $a1))
              (local.set $row (i32.add (local.get $row) (local.get $ds)))
              (v128.store (local.get $row) (local.get $a2))
              (v128.store offset=16 (local.get $row) (local.get $a3))
              (local.set $row (i32.add (local.get $row) (local.get $ds)))
              (v128.store (local.get $row) (local.get $a4))
              (v128.store offset=16 (local.get $row) (local.get $a5))
              (local.set $row (i32.add (local.get $row) (local.get $ds)))
              (v128.store (local.get $row) (local.get $a6))
              (v128.store offset=16 (local.get $row) (local.get $a7))
              (local.set $co (i32.add (local.get $co) (i32.const 8)))
              (br_if $cos (i32.lt_u (local.get $co) (local.get $cout))))
            (local.set $ci (i32.add (local.get $ci) (i32.const 4)))
            (br_if $cis (i32.lt_u (local.get $ci) (local.get $cin))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $taps (i32.lt_u (local.get $t) (local.get $ntaps))))
        (br $blocks)))))
