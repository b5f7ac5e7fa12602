import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { meanConfig } from './mean.js';
import { sumConfig } from './sum.js';

// Mean and Sum share one fast path (leading axes through a global pool), one exact path (all
// axes, in float64) and one fallback.
const shape = [3, 5, 7, 4];
const cases: Array<{ axis: number[]; keepDims: boolean; path: string }> = [
  { axis: [0, 1, 2], keepDims: false, path: 'global pool (leading axes)' },
  { axis: [0, 1, 2], keepDims: true, path: 'global pool (leading axes)' },
  { axis: [1, 0], keepDims: false, path: 'global pool (leading axes)' },
  { axis: [0], keepDims: true, path: 'global pool (leading axes)' },
  { axis: [3], keepDims: false, path: 'stock (inner axis)' },
  { axis: [1, 3], keepDims: true, path: 'stock (mixed axes)' },
  { axis: [0, 1, 2, 3], keepDims: false, path: 'float64 (all axes)' },
  { axis: [3, 1, 0, 2], keepDims: true, path: 'float64 (all axes)' },
];

describe.each([
  { name: 'Mean', config: meanConfig, reduce: tf.mean, int32Expected: [3, 4] },
  { name: 'Sum', config: sumConfig, reduce: tf.sum, int32Expected: [9, 12] },
])('$name on wasm', ({ name, config, reduce, int32Expected }) => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel(name, 'wasm')).toBe(config);
  });

  it.each(cases)('matches cpu over axes $axis, keepDims $keepDims: $path', async ({ axis, keepDims }) => {
    const { wasm, cpu } = await wasmAndCpu(() => reduce(tf.tensor(values(3 * 5 * 7 * 4, 5), shape), axis, keepDims));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('matches cpu on a large BatchNorm-sized reduction', async () => {
    const big = [16, 16, 16, 8];
    const { wasm, cpu } = await wasmAndCpu(() => reduce(tf.tensor(values(16 * 16 * 16 * 8, 6), big).add(0.5), [0, 1, 2]));
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('reduces all axes of many small squares as cpu does (float64): the stock float32 running sum is 6e-5 off here, 0.14% on a trained kernel', async () => {
    // An L2 term: 589,824 squares of weights of about 0.02, a trained 256x256x3x3 conv kernel's.
    const weights = () => tf.mul(tf.tensor(values(589_824, 7)), 0.03);
    const { wasm, cpu } = await wasmAndCpu(() => reduce(tf.square(weights())));
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-6);
  });

  it('reduces int32 tensors exactly through the stock kernel', async () => {
    const { wasm, cpu } = await wasmAndCpu(() => reduce(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), 0));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
    expect(Array.from(wasm.data)).toEqual(int32Expected);
  });
});
