import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlipMode } from './augment.js';
import { BatchIterator, type BatchOptions } from './batch-iterator.js';
import { CIFAR_IMAGE_BYTES, CIFAR_WIDTH } from './cifar-layout.js';
import { tinySplit } from './test-utils/tiny-cifar.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const split = tinySplit(10);

/** Runs one epoch, disposing every batch, and returns the image ids (from the first byte) and labels. */
function epoch(iterator: BatchIterator, e: number) {
  const ids: number[] = [];
  const labels: number[] = [];
  const sizes: number[] = [];
  for (const { xs, ys } of iterator.batches(e)) {
    expect(xs.dtype).toBe('float32');
    expect(ys.dtype).toBe('int32');
    expect(xs.shape.slice(1)).toEqual([32, 32, 3]);
    const pixels = xs.dataSync();
    for (let i = 0; i < xs.shape[0]; i++) ids.push(Math.round(pixels[i * CIFAR_IMAGE_BYTES] * 255));
    labels.push(...ys.dataSync());
    sizes.push(xs.shape[0]);
    tf.dispose([xs, ys]);
  }
  return { ids, labels, sizes };
}

const make = (options: Partial<BatchOptions> = {}) => new BatchIterator(split, { batchSize: 4, seed: 1, ...options });

describe('BatchIterator', () => {
  it('covers every image exactly once per epoch and keeps the last partial batch', () => {
    const iterator = make();
    expect(iterator.batchesPerEpoch).toBe(3);
    expect(iterator.size).toBe(10);
    const { ids, labels, sizes } = epoch(iterator, 0);
    expect(sizes).toEqual([4, 4, 2]);
    expect([...ids].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    ids.forEach((id, i) => expect(labels[i]).toBe(id % 10));
  });

  it('drops the remainder when asked', () => {
    const iterator = make({ dropRemainder: true });
    expect(iterator.batchesPerEpoch).toBe(2);
    expect(iterator.size).toBe(8);
    const { ids, sizes } = epoch(iterator, 0);
    expect(sizes).toEqual([4, 4]);
    expect(new Set(ids).size).toBe(8);
  });

  it('orders by (seed, epoch) only', () => {
    const first = epoch(make(), 0).ids;
    expect(epoch(make(), 0).ids).toEqual(first);
    expect(epoch(make(), 1).ids).not.toEqual(first);
    expect(epoch(make({ seed: 2 }), 0).ids).not.toEqual(first);
    expect(epoch(make({ shuffle: false }), 0).ids).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('augments the same way for the same (seed, epoch) without changing the order', () => {
    const pixels = (iterator: BatchIterator, e: number) => {
      const [batch] = iterator.batches(e);
      const values = batch.xs.arraySync();
      tf.dispose([batch.xs, batch.ys]);
      return values;
    };
    const augmented = make({ augment: { padding: 4, flip: 'random' } });
    expect(pixels(augmented, 3)).toEqual(pixels(make({ augment: true }), 3));
    expect(pixels(augmented, 3)).not.toEqual(pixels(make(), 3));
    expect(pixels(augmented, 3)).not.toEqual(pixels(augmented, 4));
    const labels = (iterator: BatchIterator) => epoch(iterator, 2).labels;
    expect(labels(augmented)).toEqual(labels(make()));
  });

  it('standardizes when asked', () => {
    const [batch] = make({ normalization: 'standardize', shuffle: false }).batches(0);
    const mean = batch.xs.mean().dataSync()[0];
    tf.dispose([batch.xs, batch.ys]);
    const [scaled] = make({ shuffle: false }).batches(0);
    const scaledMean = scaled.xs.mean().dataSync()[0];
    tf.dispose([scaled.xs, scaled.ys]);
    expect(mean).not.toBeCloseTo(scaledMean, 2);
    expect(Math.abs(mean)).toBeLessThan(1);
  });

  it('leaves no tensors behind across epochs', () => {
    const iterator = make({ augment: true });
    epoch(iterator, 0);
    const before = tf.memory().numTensors;
    const counts = [0, 1, 2].map((e) => {
      epoch(iterator, e);
      return tf.memory().numTensors;
    });
    expect(counts).toEqual([before, before, before]);
  });

  it('makes no tensor before a batch is asked for', () => {
    const before = tf.memory().numTensors;
    const batches = make().batches(0)[Symbol.iterator]();
    expect(tf.memory().numTensors).toBe(before);
    batches.return?.();
  });

  it('rejects bad options with clear errors', () => {
    expect(() => make({ batchSize: 0 })).toThrow(/batchSize must be a positive integer, got 0/);
    expect(() => make({ batchSize: 11, dropRemainder: true })).toThrow(/every epoch would be empty/);
    expect(() => make({ seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => make({ augment: { paddingMode: 'wrap' as 'zero' } })).toThrow(/paddingMode must be 'zero' or 'reflect'/);
    expect(() => make({ augment: { flip: 'sometimes' as FlipMode } })).toThrow(/flip must be 'random', 'alternate' or 'none'/);
    expect(() => [...make().batches(-1)]).toThrow(/epoch must be a non-negative integer/);
    expect(() => new BatchIterator({ ...split, count: 11 }, { batchSize: 4 })).toThrow(
      /split of 11 32x32x3 images has 30720 pixel bytes and 10 labels/,
    );
  });
});

describe('BatchIterator flip modes', () => {
  // Up to 256 images: tinySplit's rows then differ between images, and from each other's mirrors.
  const many = tinySplit(200);
  const rowBytes = CIFAR_WIDTH * 3;
  const firstRow = (images: ArrayLike<number>, base: number, mirrored: boolean) =>
    Array.from({ length: rowBytes }, (_, p) => images[base + (mirrored ? rowBytes - 3 * (Math.floor(p / 3) + 1) + (p % 3) : p)]).join();
  const known = new Map<string, { id: number; mirrored: boolean }>();
  for (let id = 0; id < many.count; id++) {
    for (const mirrored of [false, true]) known.set(firstRow(many.images, id * CIFAR_IMAGE_BYTES, mirrored), { id, mirrored });
  }

  /** An epoch's images in order, and those mirrored, told apart by their first row (crops are off). */
  function seen(iterator: BatchIterator, e: number) {
    const ids: number[] = [];
    const mirrored = new Set<number>();
    for (const { xs, ys } of iterator.batches(e)) {
      const pixels = Array.from(xs.dataSync(), (v) => Math.round(v * 255));
      for (let i = 0; i < xs.shape[0]; i++) {
        const image = known.get(firstRow(pixels, i * CIFAR_IMAGE_BYTES, false));
        if (!image) throw new Error(`image ${i} of epoch ${e} is neither an input image nor its mirror`);
        ids.push(image.id);
        if (image.mirrored) mirrored.add(image.id);
      }
      tf.dispose([xs, ys]);
    }
    return { ids, mirrored };
  }
  const flipping = (flip: FlipMode | undefined, seed = 1) =>
    new BatchIterator(many, { batchSize: 64, seed, augment: flip === undefined ? false : { padding: 0, flip } });

  it('alternate mirrors every image in exactly one of any two consecutive epochs', () => {
    const iterator = flipping('alternate');
    const epochs = [0, 1, 2, 3].map((e) => seen(iterator, e).mirrored);
    for (let e = 0; e < 3; e++) {
      for (let id = 0; id < many.count; id++) expect(epochs[e].has(id)).not.toBe(epochs[e + 1].has(id));
    }
    expect(epochs[2]).toEqual(epochs[0]);
  });

  it('alternate mirrors about half the images in epoch 0, chosen by the seed alone', () => {
    const first = seen(flipping('alternate'), 0).mirrored;
    expect(first.size).toBeGreaterThan(70);
    expect(first.size).toBeLessThan(130);
    expect(seen(flipping('alternate'), 0).mirrored).toEqual(first);
    expect(seen(flipping('alternate', 2), 0).mirrored).not.toEqual(first);
  });

  it('alternate follows each image through the shuffle and leaves the order alone', () => {
    expect(known.size).toBe(2 * many.count);
    const iterator = flipping('alternate');
    const plain = flipping(undefined);
    for (const e of [0, 1]) {
      const { ids } = seen(iterator, e);
      expect(ids).toEqual(seen(plain, e).ids);
      expect(new Set(ids).size).toBe(many.count);
    }
    expect(seen(iterator, 0).ids).not.toEqual(seen(iterator, 1).ids);
  });

  it('random draws a fresh coin per epoch; none never mirrors', () => {
    const random = flipping('random');
    const [even, odd] = [0, 1].map((e) => seen(random, e).mirrored);
    // Alternate flips would make these two sets complements.
    expect([...even].some((id) => odd.has(id))).toBe(true);
    expect(even.size).toBeGreaterThan(70);
    expect(even.size).toBeLessThan(130);
    expect(seen(flipping('none'), 0).mirrored.size).toBe(0);
  });
});
