import type { backend_util } from '@tensorflow/tfjs';
import { FIRST_FREE_BYTE, gemmThreads, reserveFloats, runGemm } from './gemm-runtime.js';

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
 * Writes phase (a, c) of x on the grid at `plane`: position (b, i, j) holds
 * x[b, sh*i + a - top, sw*j + c - left] (its cin channels, then zeros to cinP), or zeros
 * where that lies in the padding.
 */
function copyPhasePlane(mem: Float32Array, plane: number, x: Float32Array, info: ConvInfo, { hq, wq, cinP }: Grid, a: number, c: number): void {
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
      const src = (b * inHeight + r) * inWidth * cin;
      if (sw === 1 && cinP === cin) {
        // The row's columns are contiguous in x: one copy between the zeros.
        mem.fill(0, dst, dst + jFirst * cin);
        mem.set(x.subarray(src + (jFirst + c - left) * cin, src + (jLast + c - left + 1) * cin), dst + jFirst * cin);
        mem.fill(0, dst + (jLast + 1) * cin, dst + wq * cin);
      } else {
        mem.fill(0, dst, dst + wq * cinP);
        for (let j = jFirst; j <= jLast; j++) {
          const q = src + (sw * j + c - left) * cin;
          mem.set(x.subarray(q, q + cin), dst + j * cinP);
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
 * (4 in, 8 out) with zeros.
 */
export function filterGradient(x: Float32Array, dy: Float32Array, info: ConvInfo): Float32Array {
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

  // Memory layout, in floats: the block counter, tap table, planes, dy, one output per thread.
  const counterAt = FIRST_FREE_BYTE / 4;
  const tapsAt = counterAt + 16;
  const planesAt = tapsAt + ceilTo(taps, 16);
  const dyAt = planesAt + phasesH * phasesW * planeFloats;
  const outAt = dyAt + dyPositions * coutP;
  const mem = reserveFloats((outAt + threads * outFloats) * 4);

  for (let a = 0; a < phasesH; a++) {
    for (let c = 0; c < phasesW; c++) copyPhasePlane(mem, planesAt + (a * phasesW + c) * planeFloats, x, info, grid, a, c);
  }
  if (coutP === cout) {
    mem.set(dy, dyAt);
  } else {
    mem.fill(0, dyAt, outAt);
    for (let p = 0; p < dyPositions; p++) mem.set(dy.subarray(p * cout, (p + 1) * cout), dyAt + p * coutP);
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
    tapsAt * 4, taps, dyAt * 4, outAt * 4, counterAt * 4, batch * blocksPerImage, blocksPerImage, blockRows,
    outHeight, outWidth, hq * wq * cinP * 4, wq * cinP * 4, cinP, coutP,
  ];
  runGemm({ fn: 'filterGrad', args, perThread: { arg: 3, stride: outFloats * 4 } }, counterAt * 4);

  // Each thread's sums, added, without the padding channels.
  const dW = new Float32Array(taps * cin * cout);
  for (let t = 0; t < taps; t++) {
    for (let ci = 0; ci < cin; ci++) {
      for (let co = 0; co < cout; co++) {
        let sum = 0;
        for (let thread = 0; thread < threads; thread++) sum += mem[outAt + thread * outFloats + (t * cinP + ci) * coutP + co];
        dW[(t * cin + ci) * cout + co] = sum;
      }
    }
  }
  return dW;
}
