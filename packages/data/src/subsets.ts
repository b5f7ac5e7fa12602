import { imageBytes, type CifarSplit } from './cifar-split.js';
import { DataError } from './data-error.js';

/** The first `n` images (all of them when `n` is larger): views, no copy. For `--limit N`. */
export function takeFirst(split: CifarSplit, n: number): CifarSplit {
  if (!Number.isInteger(n) || n < 1) {
    throw new DataError(`limit must be a positive integer, got ${n}`);
  }
  const count = Math.min(n, split.count);
  return {
    ...split,
    images: split.images.subarray(0, count * imageBytes(split)),
    labels: split.labels.subarray(0, count),
    count,
  };
}

/**
 * Holds out the last `n` images for validation (`--val-split N`): views, no copy. The archive's
 * order is already shuffled, so the held-out images are a fair sample of every class.
 */
export function holdOutLast(split: CifarSplit, n: number): { train: CifarSplit; validation: CifarSplit } {
  if (!Number.isInteger(n) || n < 1 || n >= split.count) {
    throw new DataError(`validation split must be a whole number from 1 to ${split.count - 1} (the training images less one), got ${n}`);
  }
  const kept = split.count - n;
  const size = imageBytes(split);
  return {
    train: takeFirst(split, kept),
    validation: { ...split, images: split.images.subarray(kept * size), labels: split.labels.subarray(kept), count: n },
  };
}
