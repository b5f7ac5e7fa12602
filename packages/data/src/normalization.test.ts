import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR10_MEAN, CIFAR10_STD, computeChannelStats, imagesToTensor } from './normalization.js';
import { tinySplit } from './test-utils/tiny-cifar.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('normalization', () => {
  const shape = { height: 1, width: 2, channels: 3 };
  const pixels = Uint8Array.from([0, 128, 255, 51, 102, 204]);

  it("'scale' maps bytes to [0, 1]", () => {
    const x = imagesToTensor(pixels, 1, shape, 'scale');
    expect(x.shape).toEqual([1, 1, 2, 3]);
    expect(x.dtype).toBe('float32');
    const values = Array.from(x.dataSync());
    x.dispose();
    values.forEach((v, i) => expect(v).toBeCloseTo(pixels[i] / 255, 6));
  });

  it("'standardize' subtracts the CIFAR-10 mean and divides by the std per channel", () => {
    const x = imagesToTensor(pixels, 1, shape, 'standardize');
    const values = Array.from(x.dataSync());
    x.dispose();
    values.forEach((v, i) => expect(v).toBeCloseTo((pixels[i] / 255 - CIFAR10_MEAN[i % 3]) / CIFAR10_STD[i % 3], 5));
  });

  it('rejects too few bytes', () => {
    expect(() => imagesToTensor(pixels, 2, shape, 'scale')).toThrow(/expected 2 images of 1x2x3/);
  });

  it('computes per-channel stats on the [0, 1] scale', () => {
    const split = { ...tinySplit(1), images: Uint8Array.from([0, 255, 51, 255, 255, 51]), height: 1, width: 2 };
    const { mean, std } = computeChannelStats(split);
    expect(mean[0]).toBeCloseTo(0.5, 6);
    expect(mean[1]).toBeCloseTo(1, 6);
    expect(mean[2]).toBeCloseTo(0.2, 6);
    expect(std[0]).toBeCloseTo(0.5, 6);
    expect(std[1]).toBeCloseTo(0, 6);
    expect(std[2]).toBeCloseTo(0, 6);
  });
});
