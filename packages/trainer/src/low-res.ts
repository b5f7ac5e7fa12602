import * as tf from '@tensorflow/tfjs';

/**
 * Progressive resizing: the first `fraction` of a run's steps train on its images scaled down to
 * `size` x `size` (bilinear, after augmentation), the rest at full size. A step on 20x20 images
 * costs about a third of one on 32x32, so the same time holds more epochs. The network must run
 * at both sizes (global pooling before the classifier).
 */
export interface LowResOptions {
  size: number;
  /** Of all the run's steps, in (0, 1]. */
  fraction: number;
}

/** How many of the run's first steps train at low resolution. */
export function lowResSteps(options: LowResOptions, totalSteps: number): number {
  return Math.round(options.fraction * totalSteps);
}

/** Bilinear with half-pixel centers, as PyTorch's `interpolate(align_corners=False)`; no antialiasing in either. */
export function scaleDown(xs: tf.Tensor4D, size: number): tf.Tensor4D {
  return tf.image.resizeBilinear(xs, [size, size], false, true);
}

export function checkLowResOptions(options: LowResOptions): void {
  if (!(Number.isInteger(options.size) && options.size >= 1)) throw new Error(`fit: lowRes.size must be a whole number >= 1, got ${options.size}`);
  if (!(options.fraction > 0 && options.fraction <= 1)) throw new Error(`fit: lowRes.fraction must be in (0, 1], got ${options.fraction}`);
}
