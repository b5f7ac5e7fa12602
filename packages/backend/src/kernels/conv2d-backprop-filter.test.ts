import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, setUpWasm, values, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { conv2dBackpropFilterConfig, IM2COL_MAX_ROWS } from './conv2d-backprop-filter.js';

type Case = { h: number; w: number; k: number; stride: number; pad: 'same' | 'valid'; inC: number; path: string };
const pathOf = (k: number, stride: number, inC: number) =>
  (k === 1 && stride === 1) || k * k * inC <= IM2COL_MAX_ROWS ? 'im2col GEMM' : 'convolution';
const cases: Case[] = [];
// 3 input channels take the im2col path, 40 the convolution path (but 1x1 stride 1).
for (const inC of [3, 40]) {
  for (const k of [1, 3]) {
    for (const stride of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) {
        const path = pathOf(k, stride, inC);
        cases.push({ h: 7, w: 9, k, stride, pad, inC, path }, { h: 8, w: 6, k, stride, pad, inC, path });
      }
    }
  }
}
for (const inC of [3, 40]) {
  cases.push(
    { h: 9, w: 9, k: 5, stride: 2, pad: 'same', inC, path: pathOf(5, 2, inC) },
    { h: 11, w: 10, k: 4, stride: 3, pad: 'valid', inC, path: pathOf(4, 3, inC) },
  );
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(setUpWasm);

  it('is the registered wasm kernel', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(conv2dBackpropFilterConfig);
  });

  it('covers both of its paths', () => {
    expect(new Set(cases.map((c) => c.path))).toEqual(new Set(['im2col GEMM', 'convolution']));
  });

  it.each(cases)('matches cpu: $h x $w x $inC input, $k x $k filter, stride $stride, $pad ($path)', async ({ h, w, k, stride, pad, inC }) => {
    const [batch, outC] = [2, 5];
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
});
