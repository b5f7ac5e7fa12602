import * as tf from '@tensorflow/tfjs';
import { imageBytes, type CifarSplit, type ImageShape } from './cifar-split.js';
import { DataError } from './data-error.js';

/** `scale`: pixels / 255 in [0, 1] (the reference script's). `standardize`: (pixels / 255 - mean) / std per channel. */
export type Normalization = 'scale' | 'standardize';

/**
 * Per-channel (R, G, B) mean and standard deviation of the 50,000 CIFAR-10 training images,
 * on the [0, 1] scale, over all pixels. These are the official archive's values; the local copy
 * in ../shared/datasets/cifar-10 agrees to within 0.003 (checked by the integration test).
 * (The often quoted std 0.2023/0.1994/0.2010 is an average of per-image stds, not this.)
 */
export const CIFAR10_MEAN: readonly [number, number, number] = Object.freeze([0.4914, 0.4822, 0.4465]) as readonly [
  number,
  number,
  number,
];
export const CIFAR10_STD: readonly [number, number, number] = Object.freeze([0.247, 0.2435, 0.2616]) as readonly [
  number,
  number,
  number,
];

export interface ChannelStats {
  mean: number[];
  std: number[];
}

/** Mean and std per channel on the [0, 1] scale, over every pixel of the split. */
export function computeChannelStats(split: CifarSplit): ChannelStats {
  const c = split.channels;
  const sum = new Float64Array(c);
  const squares = new Float64Array(c);
  const { images } = split;
  for (let i = 0; i < images.length; i += c) {
    for (let k = 0; k < c; k++) {
      const v = images[i + k];
      sum[k] += v;
      squares[k] += v * v;
    }
  }
  const n = images.length / c;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(squares, (sq, k) => Math.sqrt(sq / n - mean[k] * mean[k]));
  return { mean: mean.map((m) => m / 255), std: std.map((s) => s / 255) };
}

/** A byte -> float lookup table per channel, so normalizing is one table read per pixel. */
function lookupTable(normalization: Normalization, channels: number): Float32Array {
  if (normalization !== 'scale' && normalization !== 'standardize') {
    throw new DataError(`normalization must be 'scale' or 'standardize', got '${String(normalization)}'`);
  }
  if (normalization === 'standardize' && channels !== CIFAR10_MEAN.length) {
    throw new DataError(`'standardize' needs ${CIFAR10_MEAN.length} channels, got ${channels}`);
  }
  const table = new Float32Array(256 * channels);
  for (let k = 0; k < channels; k++) {
    for (let v = 0; v < 256; v++) {
      table[k * 256 + v] =
        normalization === 'scale' ? v / 255 : (v / 255 - CIFAR10_MEAN[k]) / CIFAR10_STD[k];
    }
  }
  return table;
}

/** Turns NHWC uint8 pixels into normalized float32 values. */
export function makeNormalizer(
  normalization: Normalization,
  channels: number,
): (pixels: Uint8Array) => Float32Array {
  const table = lookupTable(normalization, channels);
  return (pixels) => {
    const out = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i += channels) {
      for (let k = 0; k < channels; k++) out[i + k] = table[k * 256 + pixels[i + k]];
    }
    return out;
  };
}

/** `count` NHWC uint8 images as a float32 [count, H, W, C] tensor, normalized as in training (for predict). */
export function imagesToTensor(
  images: Uint8Array,
  count: number,
  shape: ImageShape,
  normalization: Normalization,
): tf.Tensor4D {
  const size = count * imageBytes(shape);
  if (images.length < size) {
    throw new DataError(
      `expected ${count} images of ${shape.height}x${shape.width}x${shape.channels} (${size} bytes), got ${images.length} bytes`,
    );
  }
  const values = makeNormalizer(normalization, shape.channels)(images.subarray(0, size));
  return tf.tensor4d(values, [count, shape.height, shape.width, shape.channels], 'float32');
}
