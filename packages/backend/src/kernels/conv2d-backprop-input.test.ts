import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
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

  // tf.conv2dTranspose takes any output shape: tfjs reads the top-left part of dy that it implies.
  it.each([
    { x: [1, 8, 8, 8], filter: [8, 8, 8, 8], out: [1, 4, 4, 8], stride: 1, pad: 'same' },
    { x: [2, 6, 7, 2], filter: [3, 3, 3, 2], out: [2, 5, 5, 3], stride: 2, pad: 'same' },
    { x: [1, 5, 4, 2], filter: [2, 3, 3, 2], out: [1, 5, 5, 3], stride: 2, pad: 'valid' },
  ] as const)('conv2dTranspose of a $x input to $out, larger than stride $stride and $pad imply, matches cpu', async ({ x, filter, out, stride, pad }) => {
    const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b);
    const { wasm, cpu } = await wasmAndCpu(() =>
      tf.conv2dTranspose(tf.tensor4d(values(size(x), 1), [...x]), tf.tensor4d(values(size(filter), 2), [...filter]), [...out], stride, pad),
    );
    expect(wasm.shape).toEqual(out);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('throws, naming the sizes, for a dy smaller than the input shape implies', async () => {
    await tf.setBackend('wasm');
    const run = () =>
      tf.tidy(() => tf.conv2dTranspose(tf.ones<tf.Rank.R4>([1, 2, 2, 2]), tf.ones<tf.Rank.R4>([3, 3, 3, 2]), [1, 5, 5, 3], 1, 'same'));
    expect(run).toThrow('Conv2DBackpropInput: dy is 2x2, smaller than the 5x5 that the input shape, strides and padding imply');
  });
});
