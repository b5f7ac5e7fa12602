import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { castConfig } from './cast.js';

describe('Cast on wasm', () => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('Cast', 'wasm')).toBe(castConfig);
  });

  it('shares the buffer when the dtype does not change', async () => {
    const data = values(6, 4);
    const x = tf.tensor(data, [2, 3]);
    const y = tf.cast(x, 'float32');
    // tf.cast returns its input itself for the same dtype; the kernel is what clone's gradient runs.
    const z = tf.engine().runKernel('Cast', { x }, { dtype: 'float32' }) as tf.Tensor;
    expect(z.dataId).toBe(x.dataId);
    x.dispose();
    expect(Array.from(await z.data())).toEqual(Array.from(data));
    tf.dispose([y, z]);
  });

  it.each([
    { from: 'float32', to: 'int32' },
    { from: 'int32', to: 'float32' },
  ] as const)('converts $from to $to like cpu', async ({ from, to }) => {
    const data = Float32Array.from(values(12, 5), (v) => v * 7);
    const { wasm, cpu } = await wasmAndCpu(() => tf.cast(tf.tensor(data, [3, 4], from), to));
    expect(wasm.shape).toEqual([3, 4]);
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
  });
});
