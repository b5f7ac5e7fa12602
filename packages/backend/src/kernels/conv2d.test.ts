import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { EXPLICIT_PAD, type ConvPad } from '../test-utils/conv-cases.js';
import { spyOnStockKernel } from '../test-utils/stock-kernel-spy.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { conv2dConfig } from './conv2d.js';

function conv(x: number[], filter: number[], stride: number, pad: ConvPad, dilation = 1) {
  const size = (shape: number[]) => shape.reduce((a, b) => a * b);
  return () =>
    tf.conv2d(
      tf.tensor4d(values(size(x), 1), x as [number, number, number, number]),
      tf.tensor4d(values(size(filter), 2), filter as [number, number, number, number]),
      stride,
      pad,
      'NHWC',
      dilation,
    );
}

describe('Conv2D on wasm', () => {
  beforeAll(setUpWasm);
  afterEach(() => vi.restoreAllMocks());

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('Conv2D', 'wasm')).toBe(conv2dConfig);
  });

  // Winograd's: 3x3 at stride 1, cin % 4 = cout % 8 = 0; odd and even sizes cut the last tile.
  it.each([
    { x: [3, 7, 9, 4], cout: 8, pad: 'same' as ConvPad },
    { x: [2, 8, 6, 12], cout: 16, pad: 'valid' as ConvPad },
    { x: [1, 5, 5, 8], cout: 8, pad: EXPLICIT_PAD },
    { x: [2, 1, 1, 4], cout: 8, pad: 'same' as ConvPad },
    { x: [1, 3, 4, 24], cout: 32, pad: 'valid' as ConvPad },
  ])('by Winograd, not the stock kernel, matches cpu: $x input, $cout filters, $pad padding', async ({ x, cout, pad }) => {
    const stock = spyOnStockKernel('Conv2D', 'wasm');
    const { wasm, cpu } = await wasmAndCpu(conv(x, [3, 3, x[3], cout], 1, pad));
    expect(stock).not.toHaveBeenCalled();
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-5);
  });

  it.each([
    { what: 'stride 2', x: [2, 7, 7, 4], filter: [3, 3, 4, 8], stride: 2, dilation: 1 },
    { what: 'a 5x5 filter', x: [2, 7, 7, 4], filter: [5, 5, 4, 8], stride: 1, dilation: 1 },
    { what: '3 input channels', x: [2, 7, 7, 3], filter: [3, 3, 3, 8], stride: 1, dilation: 1 },
    { what: '5 filters', x: [2, 7, 7, 4], filter: [3, 3, 4, 5], stride: 1, dilation: 1 },
    { what: 'dilation 2', x: [2, 7, 7, 4], filter: [3, 3, 4, 8], stride: 1, dilation: 2 },
  ])('hands $what to the stock kernel, which matches cpu', async ({ x, filter, stride, dilation }) => {
    const stock = spyOnStockKernel('Conv2D', 'wasm');
    const { wasm, cpu } = await wasmAndCpu(conv(x, filter, stride, 'same', dilation));
    expect(stock).toHaveBeenCalledTimes(1);
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-5);
  });

  // The engine's tensor count cannot see a buffer the kernel makes and drops: the backend's can.
  it('leaves no buffer behind in the wasm backend', async () => {
    await tf.setBackend('wasm');
    const before = tf.backend().numDataIds();
    tf.tidy(() => conv([2, 6, 6, 4], [3, 3, 4, 8], 1, 'same')().dataSync());
    expect(tf.backend().numDataIds()).toBe(before);
  });
});
