import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
type Case = { h: number; w: number; k: number; stride: number; pad: 'same' | 'valid'; inC: number; outC: number };
const cases: Case[] = [];
// Channels that the GEMM's tiles fit (40 in, 16 out) and that it pads with zeros (3 in, 5 out).
for (const [inC, outC] of [
  [3, 5],
  [40, 16],
]) {
  for (const k of [1, 3]) {
    for (const stride of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) {
        cases.push({ h: 7, w: 9, k, stride, pad, inC, outC }, { h: 8, w: 6, k, stride, pad, inC, outC });
      }
    }
  }
  cases.push(
    { h: 9, w: 9, k: 5, stride: 2, pad: 'same', inC, outC },
    { h: 11, w: 10, k: 4, stride: 3, pad: 'valid', inC, outC },
    { h: 6, w: 7, k: 2, stride: 1, pad: 'same', inC, outC },
  );
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(setUpWasm);

  it('is the registered wasm kernel', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(conv2dBackpropFilterConfig);
  });

  it.each(cases)('matches cpu: $h x $w x $inC input, $k x $k x $outC filter, stride $stride, $pad', async ({ h, w, k, stride, pad, inC, outC }) => {
    const batch = 2;
    const x = () => tf.tensor4d(values(batch * h * w * inC, 1), [batch, h, w, inC]);
    const outShape = tf.conv2d(x(), tf.zeros([k, k, inC, outC]), stride, pad).shape;
    const dy = () => tf.tensor(values(outShape.reduce((a, b) => a * b), 2), outShape);
    const { wasm, cpu } = await wasmAndCpu(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: x(), dy: dy() }, {
        strides: stride,
        pad,
        dataFormat: 'NHWC',
        filterShape: [k, k, inC, outC],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
    );
    expect(wasm.shape).toEqual([k, k, inC, outC]);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  // conv2dTranspose's filter gradient passes its input as dy, which may be larger than x implies:
  // tfjs reads the top-left part of dy that x, strides and padding imply.
  it.each([
    { x: [1, 4, 4, 8], dy: [1, 8, 8, 8], k: 8, stride: 1, pad: 'same' },
    { x: [2, 5, 5, 3], dy: [2, 6, 7, 2], k: 3, stride: 2, pad: 'same' },
    { x: [1, 5, 5, 3], dy: [1, 4, 3, 2], k: 2, stride: 2, pad: 'valid' },
  ] as const)('matches cpu for a $dy dy, larger than a $x input implies', async ({ x, dy, k, stride, pad }) => {
    const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b);
    const filterShape = [k, k, x[3], dy[3]];
    const { wasm, cpu } = await wasmAndCpu(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor(values(size(x), 1), [...x]), dy: tf.tensor(values(size(dy), 2), [...dy]) }, {
        strides: stride,
        pad,
        dataFormat: 'NHWC',
        filterShape,
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
    );
    expect(wasm.shape).toEqual(filterShape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('throws, naming the sizes, for a dy smaller than x implies', async () => {
    await tf.setBackend('wasm');
    const run = () =>
      tf.tidy(() =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.ones([1, 5, 5, 3]), dy: tf.ones([1, 2, 2, 2]) }, {
          strides: 1,
          pad: 'same',
          dataFormat: 'NHWC',
          filterShape: [3, 3, 3, 2],
        } as unknown as tf.NamedAttrMap),
      );
    expect(run).toThrow('Conv2DBackpropFilter: dy is 2x2, smaller than the 5x5 that the input shape, strides and padding imply');
  });
});
