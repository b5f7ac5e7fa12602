import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imagesToInputBytes } from './input-bytes.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** An image of one colour: resizing must keep every pixel exactly that colour. */
function solid(width: number, height: number, rgb: number[]) {
  return { width, height, pixels: Uint8Array.from({ length: width * height * 3 }, (_, i) => rgb[i % 3]) };
}

describe('imagesToInputBytes', () => {
  it('keeps an image of the right size byte for byte', () => {
    const pixels = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => i);
    expect(imagesToInputBytes([{ width: 2, height: 2, pixels }], 2, 2)).toEqual(pixels);
  });

  it('averages with half-pixel centres and rounds to bytes, leaking no tensors', () => {
    // 2x2 -> 1x1: the centre lies between all four pixels, so each channel is their mean.
    const pixels = new Uint8Array([0, 10, 255, 1, 20, 255, 2, 30, 0, 4, 41, 0]);
    const before = tf.memory().numTensors;
    expect(Array.from(imagesToInputBytes([{ width: 2, height: 2, pixels }], 1, 1))).toEqual([2, 25, 128]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resizes images of different sizes into one NHWC batch, keeping flat colours exact', () => {
    const batch = imagesToInputBytes([solid(7, 5, [10, 128, 250]), solid(3, 3, [255, 0, 1])], 4, 4);
    expect(batch.length).toBe(2 * 4 * 4 * 3);
    expect(Array.from(batch.subarray(0, 3))).toEqual([10, 128, 250]);
    expect(Array.from(batch.subarray(45, 48))).toEqual([10, 128, 250]);
    expect(Array.from(batch.subarray(48, 51))).toEqual([255, 0, 1]);
    expect(Array.from(batch.subarray(93, 96))).toEqual([255, 0, 1]);
  });
});
