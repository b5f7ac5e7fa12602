import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resizeToBytes } from './resize-image.js';

describe('resizeToBytes', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('keeps an image of the right size byte for byte', () => {
    const pixels = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => i);
    expect(resizeToBytes({ name: 'a', width: 2, height: 2, pixels }, 2, 2)).toBe(pixels);
  });

  it('averages with half-pixel centres and rounds to bytes', () => {
    // 2x2 -> 1x1: the centre lies between all four pixels, so each channel is their mean.
    const pixels = new Uint8Array([0, 10, 255, 1, 20, 255, 2, 30, 0, 4, 41, 0]);
    const before = tf.memory().numTensors;
    expect(Array.from(resizeToBytes({ name: 'a', width: 2, height: 2, pixels }, 1, 1))).toEqual([2, 25, 128]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
