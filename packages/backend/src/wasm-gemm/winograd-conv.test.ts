import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';
import { heapOffset } from '../wasm-heap.js';
import { winogradApplies, winogradConv2d, winogradFilterGradient } from './winograd-conv.js';

beforeAll(setUpWasm);

/** Runs f on tensors of these values in tfjs's wasm heap, given their byte offsets there, and returns the last one's values. */
function onHeap(arrays: Float32Array[], f: (...at: number[]) => void): Float32Array {
  const tensors = arrays.map((a) => tf.tensor1d(a));
  const backend = tf.backend() as BackendWasm;
  try {
    f(...tensors.map((t) => heapOffset(backend, t)));
    return tensors[tensors.length - 1].dataSync() as Float32Array;
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * Calls visit(xPixel, yPixel, tap) for every output pixel and 3x3 filter tap that reads a pixel
 * of x (not padding), as a direct convolution does: pixels are indices into NHWC's pixel rows.
 */
function forEachTap(info: backend_util.Conv2DInfo, visit: (xPixel: number, yPixel: number, tap: number) => void): void {
  const { batchSize, inHeight, inWidth, outHeight, outWidth } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++) {
        for (let tap = 0; tap < 9; tap++) {
          const [r, c] = [i + Math.floor(tap / 3) - info.padInfo.top, j + (tap % 3) - info.padInfo.left];
          if (r >= 0 && r < inHeight && c >= 0 && c < inWidth) visit((b * inHeight + r) * inWidth + c, (b * outHeight + i) * outWidth + j, tap);
        }
      }
    }
  }
}

/** y = the direct convolution of x with w (HWIO), in plain loops. */
function directConv(x: Float32Array, w: Float32Array, info: backend_util.Conv2DInfo): Float32Array {
  const { inChannels: cin, outChannels: cout } = info;
  const y = new Float32Array(info.batchSize * info.outHeight * info.outWidth * cout);
  forEachTap(info, (xp, yp, tap) => {
    for (let ci = 0; ci < cin; ci++) {
      for (let co = 0; co < cout; co++) y[yp * cout + co] += x[xp * cin + ci] * w[(tap * cin + ci) * cout + co];
    }
  });
  return y;
}

/** dW[tap, ci, co] = the sum of x[x pixel, ci] dy[y pixel, co] over what the tap reads, in plain loops. */
function directFilterGradient(x: Float32Array, dy: Float32Array, info: backend_util.Conv2DInfo): Float32Array {
  const { inChannels: cin, outChannels: cout } = info;
  const dW = new Float32Array(9 * cin * cout);
  forEachTap(info, (xp, yp, tap) => {
    for (let ci = 0; ci < cin; ci++) {
      for (let co = 0; co < cout; co++) dW[(tap * cin + ci) * cout + co] += x[xp * cin + ci] * dy[yp * cout + co];
    }
  });
  return dW;
}

describe('winogradConv2d', () => {
  const info = backend_util.computeConv2DInfo([5, 9, 7, 8], [3, 3, 8, 16], 1, 1, 'same');
  const x = values(5 * 9 * 7 * 8, 3);
  const w = values(3 * 3 * 8 * 16, 4);

  it('applies to 3x3 filters at stride 1 with cin % 4 = cout % 8 = 0 only', () => {
    expect(winogradApplies(info)).toBe(true);
    expect(winogradApplies(backend_util.computeConv2DInfo([1, 9, 7, 8], [3, 3, 8, 16], 2, 1, 'same'))).toBe(false);
    expect(winogradApplies(backend_util.computeConv2DInfo([1, 9, 7, 6], [3, 3, 6, 16], 1, 1, 'same'))).toBe(false);
    expect(winogradApplies(backend_util.computeConv2DInfo([1, 9, 7, 8], [3, 3, 8, 12], 1, 1, 'same'))).toBe(false);
  });

  it.each([
    { what: 'in one chunk', chunkFloats: undefined },
    // 20 tiles of 24 channels' V and M per image: 2 images a chunk, the last chunk 1.
    { what: 'in chunks of 2 images', chunkFloats: 2 * 16 * 20 * 24 },
  ])('equals the direct convolution $what', ({ chunkFloats }) => {
    // NaN where y starts: every output must be written.
    const y = onHeap([x, w, new Float32Array(5 * 9 * 7 * 16).fill(NaN)], (xAt, wAt, yAt) => winogradConv2d(xAt, wAt, info, yAt, {}, chunkFloats));
    expect(maxRelativeError(y, directConv(x, w, info))).toBeLessThan(1e-5);
  });

  it('adds a bias and applies ReLU in its output transform (FusedConv2D)', () => {
    const bias = values(16, 7);
    const out = () => new Float32Array(5 * 9 * 7 * 16).fill(NaN);
    const withBias = directConv(x, w, info).map((v, i) => v + bias[i % 16]);
    const biased = onHeap([x, w, bias, out()], (xAt, wAt, bAt, yAt) => winogradConv2d(xAt, wAt, info, yAt, { bias: bAt }));
    expect(maxRelativeError(biased, withBias)).toBeLessThan(1e-5);
    const rectified = onHeap([x, w, bias, out()], (xAt, wAt, bAt, yAt) => winogradConv2d(xAt, wAt, info, yAt, { bias: bAt, relu: true }));
    const expected = withBias.map((v) => Math.max(0, v));
    expect(expected.filter((v) => v === 0).length).toBeGreaterThan(expected.length / 4);
    expect(maxRelativeError(rectified, expected)).toBeLessThan(1e-5);
  });
});

describe('winogradFilterGradient', () => {
  // Explicit padding, odd sizes: the last row and column of tiles are cut, and the grid has zeros below x.
  const info = backend_util.computeConv2DInfo([5, 9, 7, 8], [3, 3, 8, 16], 1, 1, [
    [0, 0],
    [2, 0],
    [1, 2],
    [0, 0],
  ]);
  const x = values(5 * 9 * 7 * 8, 5);
  const dy = values(5 * info.outHeight * info.outWidth * 16, 6);

  it.each([
    { what: 'in one chunk', chunkFloats: undefined },
    // 20 tiles of 24 channels' V and D per image: 2 images a chunk, the last chunk 1 (its V and D have leftover rows).
    { what: 'in chunks of 2 images', chunkFloats: 2 * 16 * 20 * 24 },
  ])('equals the direct sums $what', ({ chunkFloats }) => {
    expect([info.outHeight, info.outWidth]).toEqual([9, 8]);
    const dW = onHeap([x, dy, new Float32Array(9 * 8 * 16).fill(NaN)], (xAt, dyAt, dWAt) => winogradFilterGradient(xAt, dyAt, info, dWAt, chunkFloats));
    expect(maxRelativeError(dW, directFilterGradient(x, dy, info))).toBeLessThan(1e-5);
  });
});
