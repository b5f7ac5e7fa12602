import { describe, expect, it } from 'vitest';
import { holdOutLast, takeFirst } from './subsets.js';
import { tinyImageId, tinySplit } from './test-utils/tiny-cifar.js';

const ids = (split: { images: Uint8Array; count: number }) =>
  Array.from({ length: split.count }, (_, i) => tinyImageId(split.images, i));

describe('takeFirst', () => {
  it('keeps the first n images and labels', () => {
    const first = takeFirst(tinySplit(10), 4);
    expect(first.count).toBe(4);
    expect(ids(first)).toEqual([0, 1, 2, 3]);
    expect(Array.from(first.labels)).toEqual([0, 1, 2, 3]);
  });

  it('keeps everything when n is larger, and rejects a non-positive n', () => {
    expect(takeFirst(tinySplit(3), 100).count).toBe(3);
    expect(() => takeFirst(tinySplit(3), 0)).toThrow(/limit must be a positive integer/);
  });
});

describe('holdOutLast', () => {
  it('keeps the first images for training and the last n for validation, as views', () => {
    const split = tinySplit(50);
    const { train, validation } = holdOutLast(split, 10);
    expect(ids(train)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(ids(validation)).toEqual(Array.from({ length: 10 }, (_, i) => 40 + i));
    expect(Array.from(validation.labels)).toEqual(Array.from({ length: 10 }, (_, i) => (40 + i) % 10));
    expect(validation.images.buffer).toBe(split.images.buffer);
  });

  it('leaves at least one training image and names the range', () => {
    expect(() => holdOutLast(tinySplit(5), 5)).toThrow('validation split must be a whole number from 1 to 4 (the training images less one), got 5');
    expect(() => holdOutLast(tinySplit(5), 0)).toThrow(/got 0/);
  });
});
