import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareImages } from './prepare-images.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function flat(width: number, height: number, rgb: [number, number, number]) {
  const pixels = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) pixels.set(rgb, p * 3);
  return { width, height, pixels };
}

describe('prepareImages', () => {
  it('normalizes like training: scale divides by 255', async () => {
    const x = prepareImages([flat(2, 2, [0, 51, 255]), flat(3, 3, [255, 0, 0])], [2, 2, 3], 'scale');
    expect(x.shape).toEqual([2, 2, 2, 3]);
    const values = await x.data();
    expect(values[0]).toBeCloseTo(0);
    expect(values[1]).toBeCloseTo(0.2);
    expect(values[2]).toBeCloseTo(1);
    expect(values[12]).toBeCloseTo(1);
    x.dispose();
  });

  it('normalizes like training: standardize centres each channel', async () => {
    const x = prepareImages([flat(2, 2, [125, 123, 114])], [2, 2, 3], 'standardize');
    const values = await x.data();
    // The CIFAR-10 channel means are close to these bytes, so values are near 0.
    for (const v of values.subarray(0, 3)) expect(Math.abs(v)).toBeLessThan(0.02);
    x.dispose();
  });

  it('rejects networks that do not take RGB', () => {
    expect(() => prepareImages([flat(2, 2, [0, 0, 0])], [2, 2, 1], 'scale')).toThrow('1-channel');
  });
});
