import type { backend_util } from '@tensorflow/tfjs';
import { blockPositions } from './filter-gradient.js';
import { FIRST_FREE_BYTE, gemmThreads, reserveFloats, runGemm } from './gemm-runtime.js';

type ConvInfo = backend_util.Conv2DInfo;

/** A chunk of images whose transforms (V, and M or D) fit in this many floats: 128 MiB. */
const CHUNK_FLOATS = 1 << 25;
/** Rows of V per claim of winogradGemm, tiles per claim of the transforms. */
const GEMM_CLAIM_ROWS = 32;
const TRANSFORM_CLAIM_TILES = 32;
/** The filter gradient's sums over tiles (filterGrad) see them as rows of this many positions. */
const TILE_ROW = 16;

const ceilTo = (n: number, m: number) => Math.ceil(n / m) * m;

/** Whether the functions here compute this convolution: 3x3, stride 1, no dilation, NHWC, cin % 4 = cout % 8 = 0. */
export function winogradApplies(info: ConvInfo): boolean {
  return (
    info.dataFormat === 'channelsLast' &&
    info.filterHeight === 3 &&
    info.filterWidth === 3 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.inChannels % 4 === 0 &&
    info.outChannels % 8 === 0
  );
}

/**
 * Tiles of 2x2 outputs, tileCols to a row; each reads its 4x4 window from x copied onto a
 * zero-padded grid of gridH x gridW pixels (the padding above and left of x, then zeros).
 * Images go `images` to a chunk, whose transforms take `rows` rows per xi (a multiple of rowMultiple).
 */
interface Tiling {
  tileCols: number;
  tilesPerImage: number;
  gridH: number;
  gridW: number;
  images: number;
  rows: number;
}

function tiling(info: ConvInfo, chunkFloats: number, rowMultiple: number): Tiling {
  const { batchSize, inChannels, outHeight, outWidth, outChannels } = info;
  const tileRows = Math.ceil(outHeight / 2);
  const tileCols = Math.ceil(outWidth / 2);
  const tilesPerImage = tileRows * tileCols;
  const fit = Math.max(1, Math.min(batchSize, Math.floor(chunkFloats / (16 * tilesPerImage * (inChannels + outChannels)))));
  // Chunks of equal size: the GEMM runs over a whole chunk's rows, however few images the last has.
  const images = Math.ceil(batchSize / Math.ceil(batchSize / fit));
  return { tileCols, tilesPerImage, gridH: 2 * tileRows + 2, gridW: 2 * tileCols + 2, images, rows: ceilTo(images * tilesPerImage, rowMultiple) };
}

/** V[xi][t][ci] (rows of `t.rows` per xi, at float `vAt`) for images first .. first + count - 1 of x, through the grid at `gridAt`. */
function transformInput(mem: Float32Array, x: Float32Array, info: ConvInfo, t: Tiling, first: number, count: number, at: { grid: number; v: number; counter: number }): void {
  const { inHeight, inWidth, inChannels: cin } = info;
  const { top, left } = info.padInfo;
  mem.fill(0, at.grid, at.grid + count * t.gridH * t.gridW * cin);
  for (let b = 0; b < count; b++) {
    for (let r = 0; r < inHeight; r++) {
      const src = ((first + b) * inHeight + r) * inWidth * cin;
      mem.set(x.subarray(src, src + inWidth * cin), at.grid + ((b * t.gridH + r + top) * t.gridW + left) * cin);
    }
  }
  const args = [at.grid * 4, at.v * 4, count * t.tilesPerImage, t.tilesPerImage, t.tileCols, t.gridH * t.gridW * cin * 4, t.gridW * cin * 4, cin];
  runGemm({ fn: 'winogradInput', args: [...args, t.rows * cin * 4, at.counter * 4, TRANSFORM_CLAIM_TILES] }, at.counter * 4);
}

/**
 * U[xi][ci][co] = (G g G^T)[xi] for each 3x3 filter g = filter[., ., ci, co] (HWIO, `pairs`
 * = cin * cout of them), with Winograd's G = [[1, 0, 0], [1/2, 1/2, 1/2], [1/2, -1/2, 1/2], [0, 0, 1]].
 */
function transformFilter(filter: Float32Array, pairs: number, u: Float32Array, at: number): void {
  const gRows = new Float64Array(12);
  for (let k = 0; k < pairs; k++) {
    for (let col = 0; col < 3; col++) {
      const [a, b, c] = [filter[col * pairs + k], filter[(3 + col) * pairs + k], filter[(6 + col) * pairs + k]];
      gRows[col] = a;
      gRows[3 + col] = (a + b + c) / 2;
      gRows[6 + col] = (a - b + c) / 2;
      gRows[9 + col] = c;
    }
    for (let row = 0; row < 4; row++) {
      const [a, b, c] = [gRows[row * 3], gRows[row * 3 + 1], gRows[row * 3 + 2]];
      const xi = at + row * 4 * pairs + k;
      u[xi] = a;
      u[xi + pairs] = (a + b + c) / 2;
      u[xi + 2 * pairs] = (a - b + c) / 2;
      u[xi + 3 * pairs] = c;
    }
  }
}

/**
 * dW[., ., ci, co] = G^T dU G for each pair, dU[xi] summed over `threads` copies of
 * dU[xi][ci][co] `copyFloats` apart: the adjoint of transformFilter.
 */
function untransformFilterGradient(mem: Float32Array, at: number, threads: number, copyFloats: number, pairs: number): Float32Array {
  const dW = new Float32Array(9 * pairs);
  const u = new Float64Array(16);
  for (let k = 0; k < pairs; k++) {
    for (let xi = 0; xi < 16; xi++) {
      let sum = 0;
      for (let thread = 0; thread < threads; thread++) sum += mem[at + thread * copyFloats + xi * pairs + k];
      u[xi] = sum;
    }
    for (let col = 0; col < 4; col++) {
      // G^T's rows: [1, 1/2, 1/2, 0], [0, 1/2, -1/2, 0], [0, 1/2, 1/2, 1]; in place over rows 0..2.
      const [a, b, c, d] = [u[col], u[4 + col], u[8 + col], u[12 + col]];
      u[col] = a + (b + c) / 2;
      u[4 + col] = (b - c) / 2;
      u[8 + col] = (b + c) / 2 + d;
    }
    for (let row = 0; row < 3; row++) {
      const [a, b, c, d] = [u[row * 4], u[row * 4 + 1], u[row * 4 + 2], u[row * 4 + 3]];
      dW[row * 3 * pairs + k] = a + (b + c) / 2;
      dW[(row * 3 + 1) * pairs + k] = (b - c) / 2;
      dW[(row * 3 + 2) * pairs + k] = (b + c) / 2 + d;
    }
  }
  return dW;
}

/**
 * y = the convolution of x with filter (NHWC, HWIO; `winogradApplies(info)`) by Winograd's
 * F(2x2, 3x3) in gemm.wat on every GEMM thread: V from x's tiles, 16 GEMMs with U from the
 * filter, outputs past outHeight x outWidth not written. `chunkFloats` bounds V and M.
 */
export function winogradConv2d(x: Float32Array, filter: Float32Array, info: ConvInfo, y: Float32Array, chunkFloats = CHUNK_FLOATS): void {
  const { batchSize: batch, inChannels: cin, outHeight, outWidth, outChannels: cout } = info;
  // The GEMM takes rows in fours; rows past the last tile are computed and never read.
  const t = tiling(info, chunkFloats, 4);
  const yImage = outHeight * outWidth * cout;

  // Memory layout, in floats: the claim counter, U, the padded grid, V, M, y's chunk.
  const counter = FIRST_FREE_BYTE / 4;
  const uAt = counter + 16;
  const grid = uAt + 16 * cin * cout;
  const v = grid + t.images * t.gridH * t.gridW * cin;
  const mAt = v + 16 * t.rows * cin;
  const yAt = mAt + 16 * t.rows * cout;
  const mem = reserveFloats((yAt + t.images * yImage) * 4);
  transformFilter(filter, cin * cout, mem, uAt);

  for (let first = 0; first < batch; first += t.images) {
    const count = Math.min(t.images, batch - first);
    transformInput(mem, x, info, t, first, count, { grid, v, counter });
    runGemm({ fn: 'winogradGemm', args: [v * 4, uAt * 4, mAt * 4, t.rows, cin, cout, counter * 4, GEMM_CLAIM_ROWS] }, counter * 4);
    const args = [mAt * 4, yAt * 4, count * t.tilesPerImage, t.tilesPerImage, t.tileCols, outHeight, outWidth, cout, t.rows * cout * 4];
    runGemm({ fn: 'winogradOutput', args: [...args, counter * 4, TRANSFORM_CLAIM_TILES] }, counter * 4);
    y.set(mem.subarray(yAt, yAt + count * yImage), first * yImage);
  }
}

/**
 * The filter gradient of that convolution (HWIO) by the same transform: V from x's tiles, D
 * from dy's (winogradDy), dU[xi] = V[xi]^T D[xi] summed over tiles by filterGrad (16 GEMMs
 * per chunk, each thread into its own dU), then dW = G^T dU G.
 */
export function winogradFilterGradient(x: Float32Array, dy: Float32Array, info: ConvInfo, chunkFloats = CHUNK_FLOATS): Float32Array {
  const { batchSize: batch, inChannels: cin, outHeight, outWidth, outChannels: cout } = info;
  const t = tiling(info, chunkFloats, TILE_ROW);
  const threads = gemmThreads();
  const pairs = cin * cout;
  const dyImage = outHeight * outWidth * cout;

  // Memory layout, in floats: the claim counter, filterGrad's tap table, dU per thread, the grid, V, D, dy's chunk.
  const counter = FIRST_FREE_BYTE / 4;
  const taps = counter + 16;
  const du = taps + 16;
  const grid = du + threads * 16 * pairs;
  const v = grid + t.images * t.gridH * t.gridW * cin;
  const d = v + 16 * t.rows * cin;
  const dyAt = d + 16 * t.rows * cout;
  const mem = reserveFloats((dyAt + t.images * dyImage) * 4);
  mem.fill(0, du, grid);
  const tapTable = new Int32Array(mem.buffer, taps * 4, 16);
  const blockRows = Math.max(1, Math.floor(blockPositions(cout) / TILE_ROW));

  for (let first = 0; first < batch; first += t.images) {
    const count = Math.min(t.images, batch - first);
    const tiles = count * t.tilesPerImage;
    const rows = ceilTo(tiles, TILE_ROW);
    transformInput(mem, x, info, t, first, count, { grid, v, counter });
    mem.set(dy.subarray(first * dyImage, (first + count) * dyImage), dyAt);
    const args = [dyAt * 4, d * 4, tiles, t.tilesPerImage, t.tileCols, outHeight, outWidth, cout, t.rows * cout * 4];
    runGemm({ fn: 'winogradDy', args: [...args, counter * 4, TRANSFORM_CLAIM_TILES] }, counter * 4);
    const blocks = Math.ceil(rows / TILE_ROW / blockRows);
    for (let xi = 0; xi < 16; xi++) {
      // Rows past the last tile add nothing: zeros in D, and in V (which could hold non-finite leftovers).
      mem.fill(0, v + (xi * t.rows + tiles) * cin, v + (xi * t.rows + rows) * cin);
      mem.fill(0, d + (xi * t.rows + tiles) * cout, d + (xi * t.rows + rows) * cout);
      tapTable[xi] = (v + xi * t.rows * cin) * 4;
      // filterGrad over one "image" of rows / TILE_ROW rows of TILE_ROW tiles, one tap: V[xi] and D[xi].
      const sums = [(taps + xi) * 4, 1, (d + xi * t.rows * cout) * 4, (du + xi * pairs) * 4, counter * 4, blocks, blocks, blockRows];
      runGemm(
        { fn: 'filterGrad', args: [...sums, rows / TILE_ROW, TILE_ROW, 0, TILE_ROW * cin * 4, cin, cout], perThread: { arg: 3, stride: 16 * pairs * 4 } },
        counter * 4,
      );
    }
  }
  return untransformFilterGradient(mem, du, threads, 16 * pairs, pairs);
}
