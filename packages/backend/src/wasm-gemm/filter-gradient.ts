import type { backend_util } from '@tensorflow/tfjs';
import { gemmThreads, heapFloats, runGemm, withScratch } from './gemm-runtime.js';

type ConvInfo = backend_util.Conv2DInfo;

const ceilTo = (n: number, m: number) => Math.ceil(n / m) * m;

/**
 * Positions per block: a block of dy (positions x cout floats) stays in a 32 KiB L1 while
 * every tap and channel tile passes over it.
 */
export const blockPositions = (cout: number) => Math.max(16, Math.floor(8192 / cout));

/** Where x's stride phases and dy's positions lie: one grid of hq x wq positions per image. */
interface Grid {
  hq: number;
  wq: number;
  /** x's channels, padded to the GEMM's multiple of 4. */
  cinP: number;
}

/**
 * Writes phase (a, c) of x (at float `x` of the heap) on the grid at float `plane`: position
 * (b, i, j) holds x[b, sh*i + a - top, sw*j + c - left] (its cin channels, then zeros to cinP),
 * or zeros where that lies in the padding.
 */
function copyPhasePlane(mem: Float32Array, plane: number, x: number, info: ConvInfo, { hq, wq, cinP }: Grid, a: number, c: number): void {
  const { batchSize: batch, inHeight, inWidth, inChannels: cin, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  // Grid columns j whose x column sw*j + c - left exists.
  const jFirst = Math.max(0, Math.ceil((left - c) / sw));
  const jLast = Math.min(wq - 1, Math.floor((inWidth - 1 + left - c) / sw));
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < hq; i++) {
      const dst = plane + (b * hq + i) * wq * cinP;
      const r = sh * i + a - top;
      if (r < 0 || r >= inHeight || jFirst > jLast) {
        mem.fill(0, dst, dst + wq * cinP);
        continue;
      }
      const src = x + (b * inHeight + r) * inWidth * cin;
      if (sw === 1 && cinP === cin) {
        // The row's columns are contiguous in x: one copy between the zeros.
        mem.fill(0, dst, dst + jFirst * cin);
        mem.copyWithin(dst + jFirst * cin, src + (jFirst + c - left) * cin, src + (jLast + c - left + 1) * cin);
        mem.fill(0, dst + (jLast + 1) * cin, dst + wq * cin);
      } else {
        mem.fill(0, dst, dst + wq * cinP);
        for (let j = jFirst; j <= jLast; j++) {
          const q = src + (sw * j + c - left) * cin;
          mem.copyWithin(dst + j * cinP, q, q + cin);
        }
      }
    }
  }
}

/**
 * dW[kh,kw,ci,co] = sum over b,h,w of x[b, h*sh+kh-top, w*sw+kw-left, ci] * dy[b,h,w,co], by
 * our wasm GEMM (gemm.wat's filterGrad). x is split by stride phase into planes on one grid of
 * hq x wq positions per image (zeros where the padding is), and dy's positions are a
 * corner of that grid: from tap (kh,kw) the sum is then one GEMM over dy's positions,
 * reading its plane at a fixed offset. Channels are padded to the kernel's multiples
 * (4 in, 8 out) with zeros. x, dy and dW (HWIO) are byte offsets in tfjs's heap; dy is read in
 * place where cout needs no padding.
 */
export function filterGradient(x: number, dy: number, info: ConvInfo, dW: number): void {
  const { batchSize: batch, inChannels: cin, outHeight, outWidth, outChannels: cout } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const coutP = ceilTo(cout, 8);
  // A tap reads up to (kh-1)/sh rows and (kw-1)/sw columns past one of dy's positions: still on the grid.
  const grid: Grid = {
    hq: outHeight + Math.floor((kh - 1) / sh),
    wq: outWidth + Math.floor((kw - 1) / sw),
    cinP: ceilTo(cin, 4),
  };
  const { hq, wq, cinP } = grid;
  const planeFloats = batch * hq * wq * cinP;
  const phasesH = Math.min(sh, kh);
  const phasesW = Math.min(sw, kw);
  const taps = kh * kw;
  const threads = gemmThreads();
  const outFloats = taps * cinP * coutP;
  const dyPositions = batch * outHeight * outWidth;

  // Scratch layout, in floats: the block counter, tap table, planes, dy with padded channels
  // (where cout has none to pad, dy in place), one output per thread.
  const padDy = coutP !== cout;
  const planesFloats = phasesH * phasesW * planeFloats;
  const dyFloats = padDy ? dyPositions * coutP : 0;
  withScratch((16 + ceilTo(taps, 16) + planesFloats + dyFloats + threads * outFloats) * 4, (base) => {
    const counterAt = base / 4;
    const tapsAt = counterAt + 16;
    const planesAt = tapsAt + ceilTo(taps, 16);
    const dyAt = planesAt + planesFloats;
    const outAt = dyAt + dyFloats;
    const mem = heapFloats();

    for (let a = 0; a < phasesH; a++) {
      for (let c = 0; c < phasesW; c++) copyPhasePlane(mem, planesAt + (a * phasesW + c) * planeFloats, x / 4, info, grid, a, c);
    }
    if (padDy) {
      mem.fill(0, dyAt, outAt);
      for (let p = 0; p < dyPositions; p++) mem.copyWithin(dyAt + p * coutP, dy / 4 + p * cout, dy / 4 + (p + 1) * cout);
    }
    mem.fill(0, outAt, outAt + threads * outFloats);
    const tapTable = new Int32Array(mem.buffer, tapsAt * 4, taps);
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const plane = planesAt + ((i % sh) * phasesW + (j % sw)) * planeFloats;
        tapTable[i * kw + j] = (plane + (Math.floor(i / sh) * wq + Math.floor(j / sw)) * cinP) * 4;
      }
    }

    const blockRows = Math.max(1, Math.floor(blockPositions(coutP) / outWidth));
    const blocksPerImage = Math.ceil(outHeight / blockRows);
    // filterGrad's arguments, as gemm.wat lists them; each thread adds into its own output.
    const args = [
      tapsAt * 4, taps, padDy ? dyAt * 4 : dy, outAt * 4, counterAt * 4, batch * blocksPerImage, blocksPerImage, blockRows,
      outHeight, outWidth, hq * wq * cinP * 4, wq * cinP * 4, cinP, coutP,
    ];
    runGemm({ fn: 'filterGrad', args, perThread: { arg: 3, stride: outFloats * 4 } }, counterAt * 4);

    // Each thread's sums, added, without the padding channels.
    const out = dW / 4;
    for (let t = 0; t < taps; t++) {
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) {
          let sum = 0;
          for (let thread = 0; thread < threads; thread++) sum += mem[outAt + thread * outFloats + (t * cinP + ci) * coutP + co];
          mem[out + (t * cin + ci) * cout + co] = sum;
        }
      }
    }
  });
}
