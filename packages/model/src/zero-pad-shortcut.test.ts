import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ZeroPadShortcut } from './zero-pad-shortcut.js';

/** [1, size, size, channels] with value 100 * row + 10 * col + channel + 1, never 0. */
function grid(size: number, channels: number): tf.Tensor4D {
  const values: number[] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      for (let ch = 0; ch < channels; ch++) values.push(100 * r + 10 * c + ch + 1);
    }
  }
  return tf.tensor4d(values, [1, size, size, channels]);
}

function run(layer: ZeroPadShortcut, x: tf.Tensor4D): number[][][][] {
  return tf.tidy(() => (layer.apply(x) as tf.Tensor4D).arraySync());
}

describe('ZeroPadShortcut', () => {
  it('keeps every second pixel from the first and appends zero channels', () => {
    const out = run(new ZeroPadShortcut({ stride: 2, filters: 4 }), grid(4, 2));
    expect(out).toEqual([
      [
        [
          [1, 2, 0, 0],
          [21, 22, 0, 0],
        ],
        [
          [201, 202, 0, 0],
          [221, 222, 0, 0],
        ],
      ],
    ]);
  });

  it('rounds odd sizes up like a stride-2 same conv (7x7 -> 4x4, last row and column kept)', () => {
    const layer = new ZeroPadShortcut({ stride: 2, filters: 1 });
    const out = run(layer, grid(7, 1));
    expect(out[0].length).toBe(4);
    expect(out[0][3].map((pixel) => pixel[0])).toEqual([601, 621, 641, 661]);
    expect(layer.computeOutputShape([null, 7, 7, 1])).toEqual([null, 4, 4, 1]);
  });

  it('with stride 1 only pads channels', () => {
    const out = run(new ZeroPadShortcut({ stride: 1, filters: 3 }), grid(2, 1));
    expect(out[0][1][1]).toEqual([111, 0, 0]);
  });

  it('passes gradients to the kept pixels only', () => {
    const layer = new ZeroPadShortcut({ stride: 2, filters: 2 });
    const x = grid(3, 1);
    const gradient = tf.grad((input: tf.Tensor) => (layer.apply(input) as tf.Tensor).sum())(x);
    expect(gradient.reshape([3, 3]).arraySync()).toEqual([
      [1, 0, 1],
      [0, 0, 0],
      [1, 0, 1],
    ]);
    tf.dispose([x, gradient]);
  });

  it('never runs a kernel on a tensor of rank above 4, forward or backward (WebGL cannot pad 6-D)', async () => {
    // Odd sizes (7x5 with stride 3 -> 3x2) take the path that pads before subsampling.
    const layer = new ZeroPadShortcut({ stride: 3, filters: 3 });
    const x = tf.tidy(() => grid(7, 2).slice([0, 0, 0, 0], [1, 7, 5, 2]).tile([2, 1, 1, 1]));
    let output: number[][][][] = [];
    let gradient: number[][][][] = [];
    const profile = await tf.profile(() => {
      tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((input: tf.Tensor) => (layer.apply(input) as tf.Tensor).sum())(x);
        output = (layer.apply(x) as tf.Tensor4D).arraySync();
        gradient = (grad as tf.Tensor4D).arraySync();
        value.dispose();
      });
    });
    const kernelNames = profile.kernels.map((kernel) => kernel.name);
    expect(kernelNames).toEqual(expect.arrayContaining(['Slice', 'PadV2']));
    const ranks = profile.kernels.flatMap((kernel) => [...kernel.inputShapes, ...kernel.outputShapes].map((shape) => shape.length));
    expect(Math.max(...ranks)).toBeLessThanOrEqual(4);
    expect(output[1].map((row) => row.map((pixel) => pixel[1]))).toEqual([
      [2, 32],
      [302, 332],
      [602, 632],
    ]);
    expect(output[1][2][1]).toEqual([631, 632, 0]);
    const kept = gradient[1].map((row, r) => row.map((pixel, c) => pixel.map(() => (r % 3 === 0 && c % 3 === 0 ? 1 : 0))));
    expect(gradient).toEqual([kept, kept]);
    x.dispose();
  });

  it('serialises its stride and filters', () => {
    const config = new ZeroPadShortcut({ name: 'pad', stride: 2, filters: 8 }).getConfig();
    expect(config).toMatchObject({ name: 'pad', stride: 2, filters: 8 });
  });

  it('rejects bad arguments and fewer filters than input channels', () => {
    expect(() => new ZeroPadShortcut({ name: 'p', stride: 0, filters: 4 })).toThrow(
      'ZeroPadShortcut "p": stride must be a positive integer, got 0',
    );
    expect(() => new ZeroPadShortcut({ name: 'p', stride: 2, filters: 1.5 })).toThrow(/filters must be a positive integer/);
    const layer = new ZeroPadShortcut({ name: 'p', stride: 2, filters: 4 });
    expect(() => layer.apply(tf.input({ shape: [8, 8, 8] }))).toThrow(
      'ZeroPadShortcut "p": input has 8 channels, more than the 4 output filters',
    );
  });
});
