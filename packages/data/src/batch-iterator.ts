import * as tf from '@tensorflow/tfjs';
import { augmentBatchInto, resolveAugment, type AugmentOptions } from './augment.js';
import { imageBytes, type CifarSplit } from './cifar-split.js';
import { DataError } from './data-error.js';
import { makeNormalizer, type Normalization } from './normalization.js';
import { assertSeed, mixSeed, mulberry32, shuffledIndices } from './seeded-random.js';

/** float32 [B, H, W, C] images and int32 [B] labels. Whoever receives a batch disposes it. */
export type Batch = { xs: tf.Tensor4D; ys: tf.Tensor1D };

export interface BatchOptions {
  batchSize: number;
  /** Shuffle each epoch (seeded); default true. */
  shuffle?: boolean;
  /** Integer seed for order and augmentation; default 0. */
  seed?: number;
  /** Random crop + flip; `true` means the defaults of `AugmentOptions`. Default off. */
  augment?: boolean | AugmentOptions;
  /** Default 'scale'. */
  normalization?: Normalization;
  /** Drop the last, smaller batch of each epoch; default false (kept). */
  dropRemainder?: boolean;
}

// Separate random streams, so turning augmentation on does not change the order.
const ORDER_STREAM = 1;
const AUGMENT_STREAM = 2;
/** Mixed with the seed alone: an image's alternate-flip coin is the same in every epoch. */
const FLIP_STREAM = 3;

/** One seeded coin (0 or 1) per image of the split, for flip `alternate`. */
function flipCoins(count: number, seed: number): Uint8Array {
  const random = mulberry32(mixSeed(seed, FLIP_STREAM));
  return Uint8Array.from({ length: count }, () => (random() < 0.5 ? 1 : 0));
}

/**
 * Seeded, shuffled batches over a uint8 split. Each epoch visits every image exactly once
 * (the last partial batch kept or dropped); order and augmentation depend only on (seed, epoch).
 * Float tensors are made per batch, lazily, as the iterable is consumed.
 */
export class BatchIterator {
  readonly batchesPerEpoch: number;
  /** Images one epoch yields (fewer than the split's when the remainder is dropped). */
  readonly size: number;
  private readonly split: CifarSplit;
  private readonly batchSize: number;
  private readonly shuffle: boolean;
  private readonly seed: number;
  private readonly augment: AugmentOptions | undefined;
  /** Set for flip `alternate` only. */
  private readonly coins: Uint8Array | undefined;
  private readonly normalize: (pixels: Uint8Array) => Float32Array;

  constructor(split: CifarSplit, options: BatchOptions) {
    const { batchSize, shuffle = true, seed = 0, augment = false, normalization = 'scale' } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new DataError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    if (split.count < 1) throw new DataError('cannot batch an empty split');
    if (split.images.length !== split.count * imageBytes(split) || split.labels.length !== split.count) {
      throw new DataError(
        `split of ${split.count} ${split.height}x${split.width}x${split.channels} images has ` +
          `${split.images.length} pixel bytes and ${split.labels.length} labels`,
      );
    }
    assertSeed(seed, 'seed');
    this.batchesPerEpoch = options.dropRemainder
      ? Math.floor(split.count / batchSize)
      : Math.ceil(split.count / batchSize);
    if (this.batchesPerEpoch === 0) {
      throw new DataError(
        `batchSize ${batchSize} is larger than the split's ${split.count} images and dropRemainder is set: every epoch would be empty`,
      );
    }
    this.size = Math.min(split.count, this.batchesPerEpoch * batchSize);
    this.split = split;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.augment = augment === false ? undefined : resolveAugment(augment === true ? {} : augment, split);
    this.coins = this.augment?.flip === 'alternate' ? flipCoins(split.count, seed) : undefined;
    this.normalize = makeNormalizer(normalization, split.channels);
  }

  *batches(epoch: number): Generator<Batch, void, undefined> {
    if (!Number.isInteger(epoch) || epoch < 0) {
      throw new DataError(`epoch must be a non-negative integer, got ${epoch}`);
    }
    const { split, batchSize, augment, coins } = this;
    const { height, width, channels } = split;
    const size = imageBytes(split);
    const order = this.shuffle
      ? shuffledIndices(split.count, mulberry32(mixSeed(this.seed, epoch, ORDER_STREAM)))
      : undefined;
    const random = mulberry32(mixSeed(this.seed, epoch, AUGMENT_STREAM));
    const gathered = new Uint8Array(batchSize * size);
    const augmented = augment ? new Uint8Array(batchSize * size) : gathered;
    const mirrored = coins ? new Uint8Array(batchSize) : undefined;
    // Odd epochs mirror exactly the images that even epochs do not.
    const parity = epoch % 2;
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      const start = b * batchSize;
      const n = Math.min(batchSize, this.size - start);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const index = order ? order[start + i] : start + i;
        gathered.set(split.images.subarray(index * size, (index + 1) * size), i * size);
        labels[i] = split.labels[index];
        if (coins && mirrored) mirrored[i] = coins[index] ^ parity;
      }
      if (augment) augmentBatchInto(gathered, augmented, n, split, augment, random, mirrored);
      const values = this.normalize(augmented.subarray(0, n * size));
      yield {
        xs: tf.tensor4d(values, [n, height, width, channels], 'float32'),
        ys: tf.tensor1d(labels, 'int32'),
      };
    }
  }
}
