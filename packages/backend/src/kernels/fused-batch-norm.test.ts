import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { fusedBatchNormConfig } from './fused-batch-norm.js';

const C = 6;
const stat = (seed: number, shape: number[] = [C]) => tf.tensor(values(C, seed), shape);

describe('FusedBatchNorm on wasm', () => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('FusedBatchNorm', 'wasm')).toBe(fusedBatchNormConfig);
  });

  it.each([
    { name: 'NHWC, statistics of shape [C], scale and offset', rank: 4, shape: [C], withScale: true, withOffset: true },
    { name: 'NHWC, statistics of shape [1, 1, 1, C]', rank: 4, shape: [1, 1, 1, C], withScale: true, withOffset: true },
    { name: 'NHWC, no scale', rank: 4, shape: [C], withScale: false, withOffset: true },
    { name: 'NHWC, no offset', rank: 4, shape: [C], withScale: true, withOffset: false },
    { name: 'a 2-D batch (after Dense)', rank: 2, shape: [C], withScale: true, withOffset: true },
  ])('equals cpu: $name', async ({ rank, shape, withScale, withOffset }) => {
    const xShape = rank === 4 ? [3, 5, 7, C] : [9, C];
    const { wasm, cpu } = await wasmAndCpu(() =>
      tf.batchNorm(
        tf.tensor(values(xShape.reduce((a, b) => a * b, 1), 1), xShape),
        stat(2, shape).mul(0.3),
        stat(3, shape).abs().add(0.2),
        withOffset ? stat(4, shape) : undefined,
        withScale ? stat(5, shape).add(1.2) : undefined,
        1e-3,
      ),
    );
    expect(wasm.shape).toEqual(xShape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-5);
  });

  it('leaves per-element statistics to the stock kernel, which still gets them right', async () => {
    const xShape = [2, 3, 4];
    const full = (seed: number) => tf.tensor(values(24, seed), xShape);
    const { wasm, cpu } = await wasmAndCpu(() =>
      tf.batchNorm(full(1), full(2), full(3).abs().add(0.2), full(4), full(5), 1e-3),
    );
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-5);
  });

  it('frees its per-channel intermediates', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([2, 2, 2, C]);
    const [m, v] = [tf.zeros([C]), tf.ones([C])];
    // The backend's own count: the engine never sees a kernel's intermediates.
    const buffers = () => tf.backend().numDataIds();
    const before = buffers();
    const y = tf.batchNorm(x, m, v);
    expect(buffers()).toBe(before + 1);
    tf.dispose([x, m, v, y]);
  });
});
