import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';
import { identityConfig } from './identity.js';

describe('Identity on wasm', () => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('Identity', 'wasm')).toBe(identityConfig);
  });

  it('shares the buffer of its input, which outlives the input', async () => {
    const data = values(24, 3);
    const x = tf.tensor(data, [2, 3, 4]);
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId);
    x.dispose();
    expect(y.shape).toEqual([2, 3, 4]);
    expect(Array.from(await y.data())).toEqual(Array.from(data));
    y.dispose();
  });
});
