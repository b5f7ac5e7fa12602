import { hasWhitening, initializeWhitening } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from './types.js';

/** airbench's sample: 5,000 images give the 12x12 patch covariance to well under 1%. */
export const WHITENING_IMAGES = 5000;

export interface WhiteningFromOptions {
  /** Images the covariance is taken over; default WHITENING_IMAGES. */
  images?: number;
  /** `initializeWhitening`'s epsilon; default its own (@resnet/model's WHITENING_EPSILON). */
  epsilon?: number;
}

/**
 * Sets a whitening stem (see @resnet/model's `initializeWhitening`) from the first `images`
 * images of `source.batches(0)`, as training will see them. Returns the images used, 0 when
 * the model has no whitening stem. Deterministic in the source's seed.
 */
export function initializeWhiteningFrom(model: tf.LayersModel, source: BatchSource, options: WhiteningFromOptions = {}): number {
  const { images = WHITENING_IMAGES, epsilon } = options;
  if (!hasWhitening(model)) return 0;
  const taken: tf.Tensor4D[] = [];
  let count = 0;
  for (const { xs, ys } of source.batches(0)) {
    ys.dispose();
    const needed = images - count;
    taken.push(xs.shape[0] <= needed ? xs : tf.tidy(() => tf.slice(xs, 0, needed)));
    if (xs.shape[0] > needed) xs.dispose();
    count += Math.min(xs.shape[0], needed);
    if (count >= images) break;
  }
  const all = tf.concat(taken);
  tf.dispose(taken);
  try {
    initializeWhitening(model, all, epsilon);
  } finally {
    all.dispose();
  }
  return count;
}
