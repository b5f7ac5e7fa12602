import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { conv2dTransposeOfDyCase, conv2dTransposeOfSmallDy, LARGER_INPUT_DY_CASES, SMALL_INPUT_DY_ERROR } from '../test-utils/input-gradient-dy-cases.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';

const cases: Array<{ h: number; w: number; k: number; stride: number; pad: 'same' | 'valid' }> = [];
for (const k of [1, 3]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      cases.push({ h: 7, w: 9, k, stride, pad }, { h: 8, w: 6, k, stride, pad });
    }
  }
}
cases.push(
  { h: 9, w: 9, k: 5, stride: 2, pad: 'same' },
  { h: 11, w: 10, k: 4, stride: 3, pad: 'valid' },
  // Stride above the filter size: some output pixels get no gradient at all.
  { h: 8, w: 7, k: 2, stride: 3, pad: 'valid' },
  { h: 8, w: 7, k: 2, stride: 3, pad: 'same' },
);

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(conv2dBackpropInputConfig);
  });

  it.each(cases)('matches cpu: $h x $w input, $k x $k filter, stride $stride, $pad', async ({ h, w, k, stride, pad }) => {
    const [batch, inC, outC] = [2, 3, 5];
    const filter = () => tf.tensor4d(values(k * k * inC * outC, 3), [k, k, inC, outC]);
    const outShape = tf.conv2d(tf.zeros<tf.Rank.R4>([batch, h, w, inC]), filter(), stride, pad).shape;
    const dy = () => tf.tensor(values(outShape.reduce((a, b) => a * b), 4), outShape);
    const { wasm, cpu } = await wasmAndCpu(() =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy: dy(), filter: filter() }, {
        strides: stride,
        pad,
        dataFormat: 'NHWC',
        inputShape: [batch, h, w, inC],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
    );
    expect(wasm.shape).toEqual([batch, h, w, inC]);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it.each(LARGER_INPUT_DY_CASES)('conv2dTranspose of a $x input to $out, larger than stride $stride and $pad imply, matches cpu', async (c) => {
    const { wasm, cpu } = await wasmAndCpu(() => conv2dTransposeOfDyCase(c));
    expect(wasm.shape).toEqual(c.out);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('throws, naming the sizes, for a dy smaller than the input shape implies', async () => {
    await tf.setBackend('wasm');
    expect(conv2dTransposeOfSmallDy).toThrow(SMALL_INPUT_DY_ERROR);
  });
});
