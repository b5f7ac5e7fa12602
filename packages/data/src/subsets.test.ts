import { describe, expect, it } from 'vitest';
import { splitValidation, takeFirst } from './subsets.js';
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

describe('splitValidation', () => {
  it('partitions the split, seeded', () => {
    const split = tinySplit(50);
    const { train, validation } = splitValidation(split, 0.2, 1);
    expect(validation.count).toBe(10);
    expect(train.count).toBe(40);
    const all = [...ids(train), ...ids(validation)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (let i = 0; i < train.count; i++) expect(train.labels[i]).toBe(ids(train)[i] % 10);
    expect(ids(splitValidation(split, 0.2, 1).validation)).toEqual(ids(validation));
    expect(ids(splitValidation(split, 0.2, 2).validation)).not.toEqual(ids(validation));
  });

  it('rejects fractions outside (0, 1)', () => {
    expect(() => splitValidation(tinySplit(5), 1, 0)).toThrow(/fraction must be in \(0, 1\)/);
    expect(() => splitValidation(tinySplit(5), 0, 0)).toThrow(/fraction must be in \(0, 1\)/);
  });
});
