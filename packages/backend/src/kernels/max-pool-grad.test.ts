import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { maxPoolGradConfig } from './max-pool-grad.js';

type Pad = 'valid' | 'same';
const cases: Array<{ shape: [number, number, number, number]; size: number; stride: number; pad: Pad; windows: string }> = [
  { shape: [2, 4, 6, 3], size: 2, stride: 2, pad: 'valid', windows: '2x2, tiling' },
  // Channels in groups of 4: max-pool-grad.wat where no window is cut.
  { shape: [2, 4, 6, 8], size: 2, stride: 2, pad: 'valid', windows: '2x2, tiling, SIMD' },
  { shape: [3, 5, 5, 4], size: 2, stride: 2, pad: 'valid', windows: '2x2, last row and column left out, SIMD' },
  { shape: [1, 4, 7, 12], size: 2, stride: 2, pad: 'valid', windows: '2x2, last column left out, SIMD' },
  { shape: [2, 7, 4, 4], size: 2, stride: 2, pad: 'same', windows: '2x2, last row cut by the edge: not the SIMD path' },
  { shape: [3, 8, 8, 5], size: 2, stride: 2, pad: 'same', windows: '2x2, tiling' },
  { shape: [1, 9, 6, 4], size: 3, stride: 3, pad: 'valid', windows: '3x3, tiling' },
  { shape: [2, 5, 5, 3], size: 2, stride: 2, pad: 'valid', windows: '2x2, last row and column left out (airbench: 31 -> 15)' },
  { shape: [2, 4, 5, 3], size: 2, stride: 2, pad: 'valid', windows: '2x2, last column left out' },
  { shape: [2, 5, 4, 3], size: 2, stride: 2, pad: 'valid', windows: '2x2, last row left out' },
  { shape: [2, 5, 5, 3], size: 2, stride: 2, pad: 'same', windows: 'padded, cut at the edge' },
  { shape: [2, 7, 7, 2], size: 3, stride: 2, pad: 'valid', windows: 'overlapping' },
  { shape: [1, 6, 7, 3], size: 3, stride: 1, pad: 'same', windows: 'overlapping and padded' },
  { shape: [2, 3, 3, 4], size: 3, stride: 3, pad: 'valid', windows: 'one over the whole map (a global max pooling)' },
];

/** The gradient of sum(maxPool(x) * w), so each window's dy differs. */
function poolGradient(x: tf.Tensor4D, size: number, stride: number, pad: Pad): tf.Tensor {
  return tf.grad((input: tf.Tensor) => {
    const pooled = tf.maxPool(input as tf.Tensor4D, size, stride, pad);
    return tf.sum(tf.mul(pooled, tf.range(1, pooled.size + 1).reshape(pooled.shape)));
  })(x);
}

describe('MaxPoolGrad on wasm', () => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('MaxPoolGrad', 'wasm')).toBe(maxPoolGradConfig);
  });

  it.each(cases)('equals cpu: $shape, $size x $size stride $stride $pad, $windows', async ({ shape, size, stride, pad }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await wasmAndCpu(() => poolGradient(tf.tensor4d(values(count, 3), shape), size, stride, pad));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
  });

  it.each(cases)('equals cpu where values tie: $shape, $size x $size stride $stride $pad, $windows', async ({ shape, size, stride, pad }) => {
    // Three levels, so most windows hold several maxima.
    const tied = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7) % 5) % 3);
    const count = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await wasmAndCpu(() => poolGradient(tf.tensor4d(tied(count), shape), size, stride, pad));
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
  });

  it('sends a tied window gradient to its first maximum, as cpu does', async () => {
    // Post-ReLU maps have whole windows of zeros: every value ties. The 3x3 input leaves its last row and column out.
    const x = () => tf.tensor4d([0, 0, 9, 0, 0, 9, 9, 9, 9, 5, 5, 0, 5, 5, 0, 0, 0, 0], [2, 3, 3, 1]);
    const { wasm, cpu } = await wasmAndCpu(() => poolGradient(x(), 2, 2, 'valid'));
    expect(Array.from(wasm.data)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
  });
});
