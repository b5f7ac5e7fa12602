import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { spyOnStockKernel } from '../test-utils/stock-kernel-spy.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { fusedConv2dConfig } from './fused-conv2d.js';

type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'prelu';
interface Case {
  x: [number, number, number, number];
  cout: number;
  stride?: number;
  pad?: 'same' | 'valid';
  /** The bias's shape; none: no bias. */
  bias?: number[];
  activation: Activation;
}

function fusedConv({ x, cout, stride = 1, pad = 'same', bias, activation }: Case) {
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const filter: [number, number, number, number] = [3, 3, x[3], cout];
  return () =>
    tf.fused.conv2d({
      x: tf.tensor4d(values(size(x), 1), x),
      filter: tf.tensor4d(values(size(filter), 2), filter),
      strides: stride,
      pad,
      bias: bias === undefined ? undefined : tf.tensor(values(size(bias), 3), bias),
      activation,
      preluActivationWeights: activation === 'prelu' ? tf.tensor1d(values(cout, 4)) : undefined,
    });
}

describe('FusedConv2D on wasm', () => {
  beforeAll(setUpWasm);
  afterEach(() => vi.restoreAllMocks());

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('FusedConv2D', 'wasm')).toBe(fusedConv2dConfig);
  });

  it.each<Case>([
    { x: [3, 7, 9, 4], cout: 8, bias: [8], activation: 'linear' },
    { x: [2, 8, 6, 12], cout: 16, pad: 'valid', bias: [16], activation: 'relu' },
    { x: [2, 5, 5, 8], cout: 8, activation: 'relu' },
  ])('by Winograd, not the stock kernel, matches cpu: $x input, $cout filters, bias $bias, $activation', async (c) => {
    const stock = spyOnStockKernel('FusedConv2D', 'wasm');
    const { wasm, cpu } = await wasmAndCpu(fusedConv(c));
    expect(stock).not.toHaveBeenCalled();
    expect(wasm.shape).toEqual(cpu.shape);
    if (c.activation === 'relu') expect(Array.from(cpu.data).filter((v) => v === 0).length).toBeGreaterThan(cpu.data.length / 4);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-5);
  });

  it.each<Case & { what: string }>([
    { what: 'relu6', x: [2, 7, 7, 4], cout: 8, bias: [8], activation: 'relu6' },
    { what: 'elu', x: [2, 7, 7, 4], cout: 8, bias: [8], activation: 'elu' },
    { what: 'PReLU weights', x: [2, 7, 7, 4], cout: 8, bias: [8], activation: 'prelu' },
    { what: 'stride 2', x: [2, 7, 7, 4], cout: 8, stride: 2, bias: [8], activation: 'relu' },
  ])('hands $what to the stock kernel, which matches cpu', async (c) => {
    const stock = spyOnStockKernel('FusedConv2D', 'wasm');
    const { wasm, cpu } = await wasmAndCpu(fusedConv(c));
    expect(stock).toHaveBeenCalledTimes(1);
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-5);
  });

  // The engine's tensor count cannot see a buffer the kernel makes and drops: the backend's can.
  it('leaves no buffer behind in the wasm backend', async () => {
    await tf.setBackend('wasm');
    const before = tf.backend().numDataIds();
    tf.tidy(() => fusedConv({ x: [2, 6, 6, 4], cout: 8, bias: [8], activation: 'relu' })().dataSync());
    expect(tf.backend().numDataIds()).toBe(before);
  });
});
