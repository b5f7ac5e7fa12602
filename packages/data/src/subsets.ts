import { imageBytes, type CifarSplit } from './cifar-split.js';
import { DataError } from './data-error.js';
import { assertSeed, mixSeed, mulberry32, shuffledIndices } from './seeded-random.js';

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

function select(split: CifarSplit, indices: Uint32Array): CifarSplit {
  const size = imageBytes(split);
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, i) => {
    images.set(split.images.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = split.labels[index];
  });
  return { ...split, images, labels, count: indices.length };
}

/**
 * Holds out a seeded random `fraction` of `split` (rounded, at least one image) for validation.
 * Both parts keep the original order of their images.
 */
export function splitValidation(
  split: CifarSplit,
  fraction: number,
  seed: number,
): { train: CifarSplit; validation: CifarSplit } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new DataError(`validation fraction must be in (0, 1), got ${fraction}`);
  }
  assertSeed(seed, 'validation seed');
  const held = Math.max(1, Math.round(split.count * fraction));
  if (held >= split.count) {
    throw new DataError(
      `validation fraction ${fraction} of ${split.count} images leaves no training images`,
    );
  }
  const order = shuffledIndices(split.count, mulberry32(mixSeed(seed, 0x76616c)));
  const validation = order.slice(0, held).sort();
  const train = order.slice(held).sort();
  return { train: select(split, train), validation: select(split, validation) };
}
