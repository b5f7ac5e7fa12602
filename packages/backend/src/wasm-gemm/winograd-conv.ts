import type { backend_util } from '@tensorflow/tfjs';
import { blockPositions } from './filter-gradient.js';
import { gemmThreads, heapFloats, runGemm, withScratch } from './gemm-runtime.js';

type ConvInfo = backend_util.Conv2DInfo;

/**
 * A chunk of images whose transforms (V, and M or D) fit in this many floats: 32 MiB. As fast as
 * 128 MiB was, and tfjs's heap, which never shrinks, stays 260 MB smaller (simple at batch 256).
 */
const CHUNK_FLOATS = 1 << 23;
/** Rows of V per claim of winogradGemm, tiles per claim of the transforms. */
const GEMM_CLAIM_ROWS = 32;
const TRANSFORM_CLAIM_TILES = 32;
/** Grid rows per claim of winogradGrid; filter pairs (ci, co) per claim of the filter transforms. */
const GRID_CLAIM_ROWS = 8;
const FILTER_CLAIM_PAIRS = 256;
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

/**
 * V[xi][t][ci] (rows of `t.rows` per xi, at float `v`) for images first .. first + count - 1 of
 * x (at byte `x` of the heap), through the zero-padded grid at float `grid`: both on every thread.
 */
function transformInput(x: number, info: ConvInfo, t: Tiling, first: number, count: number, at: { grid: number; v: number; counter: number }): void {
  const { inHeight, inWidth, inChannels: cin } = info;
  const { top, left } = info.padInfo;
  const xRowBytes = inWidth * cin * 4;
  const grid = [x + first * inHeight * xRowBytes, at.grid * 4, count * t.gridH, t.gridH, t.gridW * cin * 4, inHeight, xRowBytes, top, left * cin * 4];
  runGemm({ fn: 'winogradGrid', args: [...grid, at.counter * 4, GRID_CLAIM_ROWS] }, at.counter * 4);
  const args = [at.grid * 4, at.v * 4, count * t.tilesPerImage, t.tilesPerImage, t.tileCols, t.gridH * t.gridW * cin * 4, t.gridW * cin * 4, cin];
  runGemm({ fn: 'winogradInput', args: [...args, t.rows * cin * 4, at.counter * 4, TRANSFORM_CLAIM_TILES] }, at.counter * 4);
}

/**
 * y = the convolution of x with filter (NHWC, HWIO; `winogradApplies(info)`; all three byte
 * offsets in tfjs's heap) by Winograd's F(2x2, 3x3) in gemm.wat on every GEMM thread: V from
 * x's tiles, U = G g G^T from the filter, 16 GEMMs, outputs past outHeight x outWidth not written.
 * The output transform also adds `epilogue.bias` (a byte offset of outChannels floats) and
 * applies ReLU where `epilogue.relu` says (FusedConv2D). `chunkFloats` bounds V and M.
 */
export function winogradConv2d(
  x: number,
  filter: number,
  info: ConvInfo,
  y: number,
  epilogue: { bias?: number; relu?: boolean } = {},
  chunkFloats = CHUNK_FLOATS,
): void {
  const { batchSize: batch, inChannels: cin, outHeight, outWidth, outChannels: cout } = info;
  // The GEMM takes rows in fours; rows past the last tile are computed and never read.
  const t = tiling(info, chunkFloats, 4);
  const yImageBytes = outHeight * outWidth * cout * 4;

  // Scratch layout, in floats: the claim counter, a zero bias, U, the padded grid, V, M.
  const uFloats = 16 * cin * cout;
  const gridFloats = t.images * t.gridH * t.gridW * cin;
  withScratch((16 + cout + uFloats + gridFloats + 16 * t.rows * (cin + cout)) * 4, (base) => {
    const counter = base / 4;
    const zeroBias = counter + 16;
    const uAt = zeroBias + cout;
    const grid = uAt + uFloats;
    const v = grid + gridFloats;
    const mAt = v + 16 * t.rows * cin;
    heapFloats().fill(0, zeroBias, uAt);
    const bias = epilogue.bias ?? zeroBias * 4;
    runGemm({ fn: 'winogradFilter', args: [filter, uAt * 4, cin * cout, counter * 4, FILTER_CLAIM_PAIRS] }, counter * 4);

    for (let first = 0; first < batch; first += t.images) {
      const count = Math.min(t.images, batch - first);
      transformInput(x, info, t, first, count, { grid, v, counter });
      runGemm({ fn: 'winogradGemm', args: [v * 4, uAt * 4, mAt * 4, t.rows, cin, cout, counter * 4, GEMM_CLAIM_ROWS] }, counter * 4);
      const args = [mAt * 4, y + first * yImageBytes, count * t.tilesPerImage, t.tilesPerImage, t.tileCols, outHeight, outWidth, cout, t.rows * cout * 4];
      runGemm({ fn: 'winogradOutput', args: [...args, bias, epilogue.relu ? 1 : 0, counter * 4, TRANSFORM_CLAIM_TILES] }, counter * 4);
    }
  });
}

/**
 * The filter gradient of that convolution (HWIO, into byte `dW` of the heap, like x and dy) by
 * the same transform: V from x's tiles, D from dy's (winogradDy), dU[xi] = V[xi]^T D[xi] summed
 * over tiles by filterGrad (16 GEMMs per chunk, each thread into its own dU), then dW = G^T dU G
 * (winogradFilterGradient), all on every GEMM thread.
 */
export function winogradFilterGradient(x: number, dy: number, info: ConvInfo, dW: number, chunkFloats = CHUNK_FLOATS): void {
  const { batchSize: batch, inChannels: cin, outHeight, outWidth, outChannels: cout } = info;
  const t = tiling(info, chunkFloats, TILE_ROW);
  const threads = gemmThreads();
  const pairs = cin * cout;
  const dyImageBytes = outHeight * outWidth * cout * 4;

  // Scratch layout, in floats: the claim counter, filterGrad's tap table, dU per thread, the grid, V, D.
  const duFloats = threads * 16 * pairs;
  const gridFloats = t.images * t.gridH * t.gridW * cin;
  withScratch((32 + duFloats + gridFloats + 16 * t.rows * (cin + cout)) * 4, (base) => {
    const counter = base / 4;
    const taps = counter + 16;
    const du = taps + 16;
    const grid = du + duFloats;
    const v = grid + gridFloats;
    const d = v + 16 * t.rows * cin;
    const mem = heapFloats();
    mem.fill(0, du, grid);
    const tapTable = new Int32Array(mem.buffer, taps * 4, 16);
    const blockRows = Math.max(1, Math.floor(blockPositions(cout) / TILE_ROW));

    for (let first = 0; first < batch; first += t.images) {
      const count = Math.min(t.images, batch - first);
      const tiles = count * t.tilesPerImage;
      const rows = ceilTo(tiles, TILE_ROW);
      transformInput(x, info, t, first, count, { grid, v, counter });
      const args = [dy + first * dyImageBytes, d * 4, tiles, t.tilesPerImage, t.tileCols, outHeight, outWidth, cout, t.rows * cout * 4];
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
    runGemm({ fn: 'winogradFilterGradient', args: [du * 4, dW, pairs, threads, 16 * pairs * 4, counter * 4, FILTER_CLAIM_PAIRS] }, counter * 4);
  });
}
