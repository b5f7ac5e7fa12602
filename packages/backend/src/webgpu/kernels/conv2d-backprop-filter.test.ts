import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../../test-utils/compare.js';
import { EXPLICIT_PAD, type ConvCase } from '../../test-utils/conv-cases.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu, webGpuAndCpu } from '../../test-utils/webgpu-vs-cpu.js';
import { filterGradTiling } from '../programs/filter-grad-gemm.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { dyCaseFilterShape, filterGradientOfDyCase, filterGradientOfSmallDy, LARGER_DY_CASES, SMALL_DY_ERROR } from '../../test-utils/filter-gradient-dy-cases.js';

const cases: ConvCase[] = [];
// Output channels for each tile width (16, 32, 64 wide) and past one tile (70), none a multiple
// of it, each with strides 1 and 2 and both paddings.
for (const [inC, outC, stride, pad] of [
  [3, 5, 1, 'same'],
  [3, 5, 2, 'valid'],
  [6, 20, 1, 'valid'],
  [6, 20, 2, 'same'],
  [5, 70, 1, 'same'],
  [5, 70, 2, 'valid'],
] as const) {
  cases.push({ batch: 2, h: 7, w: 9, k: 3, stride, pad, inC, outC });
}
cases.push(
  { batch: 2, h: 8, w: 6, k: 1, stride: 2, pad: 'same', inC: 40, outC: 16 },
  { batch: 1, h: 9, w: 9, k: 5, stride: 2, pad: 'same', inC: 3, outC: 8 },
  { batch: 1, h: 11, w: 10, k: 4, stride: 3, pad: 'valid', inC: 7, outC: 5 },
  { batch: 2, h: 6, w: 7, k: 2, stride: 1, pad: EXPLICIT_PAD, inC: 4, outC: 9 },
  // Enough positions (2 x 15 x 17) for several splits, the last one short.
  { batch: 2, h: 15, w: 17, k: 3, stride: 1, pad: 'same', inC: 10, outC: 33 },
);

function filterGradient({ batch, h, w, k, stride, pad, inC, outC }: ConvCase, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): tf.Tensor {
  const x = tf.tensor4d(values(batch * h * w * inC, 1), [batch, h, w, inC]);
  const { outHeight, outWidth } = tf.backend_util.computeConv2DInfo([batch, h, w, inC], [k, k, inC, outC], stride, 1, pad);
  const dyShape = [batch, outHeight, outWidth, outC];
  const dy = tf.tensor(values(dyShape.reduce((a, b) => a * b), 2), dyShape);
  const toFormat = (t: tf.Tensor) => (dataFormat === 'NCHW' ? tf.transpose(t, [0, 3, 1, 2]) : t);
  return tf.engine().runKernel('Conv2DBackpropFilter', { x: toFormat(x), dy: toFormat(dy) }, {
    strides: stride,
    pad,
    dataFormat,
    filterShape: [k, k, inC, outC],
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('Conv2DBackpropFilter on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'webgpu')).toBe(conv2dBackpropFilterConfig);
  });

  it('splits the positions of large layers across workgroups, and of the largest test case', () => {
    // simple's 64 -> 64 3x3 convolution on 32 x 32 at batch 64.
    expect(filterGradTiling(576, 64, 64 * 32 * 32)).toEqual({ rm: 4, rn: 4, splits: 114, chunk: 576 });
    expect(filterGradTiling(90, 33, 2 * 15 * 17).splits).toBe(2);
    expect(filterGradTiling(27, 5, 126)).toEqual({ rm: 2, rn: 1, splits: 1, chunk: 256 });
  });

  it.each(cases)(
    'matches cpu: $batch x $h x $w x $inC input, $k x $k x $outC filter, stride $stride, pad $pad',
    async (c) => {
      const { webgpu, cpu } = await webGpuAndCpu(() => filterGradient(c));
      expect(webgpu.shape).toEqual([c.k, c.k, c.inC, c.outC]);
      expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
    },
  );

  it.each(LARGER_DY_CASES)('matches cpu for a $dy dy, larger than a $x input implies', async (c) => {
    const { webgpu, cpu } = await webGpuAndCpu(() => filterGradientOfDyCase(c));
    expect(webgpu.shape).toEqual(dyCaseFilterShape(c));
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('throws, naming the sizes, for a dy smaller than x implies', async () => {
    await tf.setBackend('webgpu');
    expect(filterGradientOfSmallDy).toThrow(SMALL_DY_ERROR);
  });

  it('gives zeros for an empty batch', async () => {
    const c: ConvCase = { batch: 0, h: 5, w: 6, k: 3, stride: 1, pad: 'same', inC: 2, outC: 3 };
    const { webgpu } = await webGpuAndCpu(() => filterGradient(c));
    expect(Array.from(webgpu.data)).toEqual(new Array(3 * 3 * 2 * 3).fill(0));
  });

  it('leaves NCHW to the stock kernel, which matches cpu', async () => {
    const c: ConvCase = { batch: 1, h: 5, w: 6, k: 3, stride: 1, pad: 'same', inC: 2, outC: 3 };
    const { webgpu, cpu } = await webGpuAndCpu(() => filterGradient(c, 'NCHW'));
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('leaves no tensors behind, nor the partial sums of its splits', async () => {
    await tf.setBackend('webgpu');
    const before = liveTensors();
    const dW = tf.tidy(() => filterGradient(cases[cases.length - 1]));
    await dW.data();
    dW.dispose();
    expect(liveTensors()).toEqual(before);
  });
});
