import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../../test-utils/compare.js';
import { EXPLICIT_PAD, type ConvCase } from '../../test-utils/conv-cases.js';
import { conv2dTransposeOfDyCase, conv2dTransposeOfSmallDy, LARGER_INPUT_DY_CASES, SMALL_INPUT_DY_ERROR } from '../../test-utils/input-gradient-dy-cases.js';
import { liveTensors, programsRun, setUpWebGpu, tearDownWebGpu, webGpuAndCpu } from '../../test-utils/webgpu-vs-cpu.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';

const cases: ConvCase[] = [];
// Odd sizes, strides 1 and 2, both paddings; channels off multiples of 4 (tfjs's kernel) and
// on them (ours at stride 1).
for (const k of [1, 3]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      cases.push({ batch: 2, h: 7, w: 9, k, stride, pad, inC: 3, outC: 5 }, { batch: 2, h: 8, w: 6, k, stride, pad, inC: 8, outC: 12 });
    }
  }
}
cases.push(
  { batch: 1, h: 9, w: 9, k: 5, stride: 1, pad: 'same', inC: 8, outC: 4 },
  { batch: 2, h: 7, w: 9, k: 3, stride: 1, pad: 'valid', inC: 4, outC: 8 },
  { batch: 1, h: 9, w: 9, k: 5, stride: 2, pad: 'same', inC: 3, outC: 8 },
  { batch: 2, h: 6, w: 7, k: 2, stride: 1, pad: 'same', inC: 4, outC: 8 },
  { batch: 2, h: 6, w: 7, k: 2, stride: 1, pad: EXPLICIT_PAD, inC: 4, outC: 8 },
  { batch: 1, h: 11, w: 10, k: 4, stride: 3, pad: 'valid', inC: 7, outC: 5 },
  // simple's layers, narrowed: 3 -> 16 after the image, 16 -> 16.
  { batch: 2, h: 12, w: 12, k: 3, stride: 1, pad: 'same', inC: 3, outC: 16 },
  { batch: 2, h: 12, w: 12, k: 3, stride: 1, pad: 'same', inC: 16, outC: 16 },
);

function inputGradient({ batch, h, w, k, stride, pad, inC, outC }: ConvCase, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): tf.Tensor {
  const filter = tf.tensor4d(values(k * k * inC * outC, 3), [k, k, inC, outC]);
  const { outHeight, outWidth } = tf.backend_util.computeConv2DInfo([batch, h, w, inC], [k, k, inC, outC], stride, 1, pad);
  const dy = tf.tensor4d(values(batch * outHeight * outWidth * outC, 4), [batch, outHeight, outWidth, outC]);
  const nchw = dataFormat === 'NCHW';
  return tf.engine().runKernel('Conv2DBackpropInput', { dy: nchw ? tf.transpose(dy, [0, 3, 1, 2]) : dy, filter }, {
    strides: stride,
    pad,
    dataFormat,
    inputShape: nchw ? [batch, inC, h, w] : [batch, h, w, inC],
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('Conv2DBackpropInput on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel('Conv2DBackpropInput', 'webgpu')).toBe(conv2dBackpropInputConfig);
  });

  it.each(cases)('matches cpu: $batch x $h x $w x $inC input, $k x $k x $outC filter, stride $stride, pad $pad', async (c) => {
    const { webgpu, cpu } = await webGpuAndCpu(() => inputGradient(c));
    expect(webgpu.shape).toEqual([c.batch, c.h, c.w, c.inC]);
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
  });

  it("runs a stride-1 gradient with channels in 4s as the flipped filter and tfjs's forward convolution, others as tfjs's input gradient", async () => {
    await tf.setBackend('webgpu');
    const shaders = (c: ConvCase) => programsRun(() => tf.tidy(() => inputGradient(c)).dispose());
    const stride1 = shaders({ batch: 1, h: 8, w: 8, k: 3, stride: 1, pad: 'same', inC: 8, outC: 8 });
    expect(stride1[0]).toMatch(/^resnetElementwise_flippedFilter/);
    expect(stride1.some((key) => key.startsWith('conv2DDerInput'))).toBe(false);
    // The convolution is one program, or two where tfjs spreads a small one by im2col.
    expect(stride1.length).toBeGreaterThanOrEqual(2);
    for (const other of [
      { batch: 1, h: 8, w: 8, k: 3, stride: 2, pad: 'same', inC: 8, outC: 8 },
      { batch: 1, h: 8, w: 8, k: 3, stride: 1, pad: 'same', inC: 3, outC: 8 },
      { batch: 1, h: 8, w: 8, k: 3, stride: 1, pad: 'same', inC: 8, outC: 6 },
    ] as const) {
      expect(shaders(other)).toEqual([expect.stringMatching(/^conv2DDerInput/)]);
    }
  });

  it.each(LARGER_INPUT_DY_CASES)('conv2dTranspose of a $x input to $out, larger than stride $stride and $pad imply, matches cpu', async (c) => {
    const { webgpu, cpu } = await webGpuAndCpu(() => conv2dTransposeOfDyCase(c));
    expect(webgpu.shape).toEqual(c.out);
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('throws, naming the sizes, for a dy smaller than the input shape implies', async () => {
    await tf.setBackend('webgpu');
    expect(conv2dTransposeOfSmallDy).toThrow(SMALL_INPUT_DY_ERROR);
  });

  it('leaves NCHW to the stock kernel, which matches cpu', async () => {
    const c: ConvCase = { batch: 1, h: 5, w: 6, k: 3, stride: 1, pad: 'same', inC: 2, outC: 3 };
    const { webgpu, cpu } = await webGpuAndCpu(() => inputGradient(c, 'NCHW'));
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('leaves no tensors behind, nor the flipped filter', async () => {
    await tf.setBackend('webgpu');
    const before = liveTensors();
    const dx = tf.tidy(() => inputGradient(cases[cases.length - 1]));
    await dx.data();
    dx.dispose();
    expect(liveTensors()).toEqual(before);
  });
});
