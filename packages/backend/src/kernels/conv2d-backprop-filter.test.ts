import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { dyCaseFilterShape, filterGradientOfDyCase, filterGradientOfSmallDy, LARGER_DY_CASES, SMALL_DY_ERROR } from '../test-utils/filter-gradient-dy-cases.js';
type Case = { h: number; w: number; k: number; stride: number; pad: 'same' | 'valid'; inC: number; outC: number };
const cases: Case[] = [];
// Channels that the GEMM's tiles fit (40 in, 16 out; 3x3 at stride 1 goes through Winograd's
// transforms) and that it pads with zeros (3 in, 5 out).
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

  it.each(LARGER_DY_CASES)('matches cpu for a $dy dy, larger than a $x input implies', async (c) => {
    const { wasm, cpu } = await wasmAndCpu(() => filterGradientOfDyCase(c));
    expect(wasm.shape).toEqual(dyCaseFilterShape(c));
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('throws, naming the sizes, for a dy smaller than x implies', async () => {
    await tf.setBackend('wasm');
    expect(filterGradientOfSmallDy).toThrow(SMALL_DY_ERROR);
  });
});
