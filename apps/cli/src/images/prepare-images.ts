import { imagesToTensor, type Normalization } from '@resnet/data';
import * as tf from '@tensorflow/tfjs';
import type { RgbImage } from './decode-image.js';

/**
 * Resizes an image to the network's input size (bilinear, half-pixel centres) and rounds it
 * back to bytes, so it enters the same uint8 -> float path as the training images.
 */
export function resizeToBytes(image: RgbImage, height: number, width: number): Uint8Array {
  if (image.height === height && image.width === width) return image.data;
  return tf.tidy(() => {
    const pixels = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    const resized = tf.image.resizeBilinear(pixels, [height, width], false, true);
    return new Uint8Array(resized.round().clipByValue(0, 255).dataSync());
  });
}

/** A batch [N, H, W, 3] of the images, normalized exactly as the run's training batches were. */
export function prepareImages(
  images: RgbImage[],
  inputShape: [number, number, number],
  normalization: Normalization,
): tf.Tensor4D {
  const [height, width, channels] = inputShape;
  if (channels !== 3) throw new Error(`the model takes ${channels}-channel images; only RGB (3) is supported`);
  const size = height * width * channels;
  const batch = new Uint8Array(images.length * size);
  images.forEach((image, i) => batch.set(resizeToBytes(image, height, width), i * size));
  return imagesToTensor(batch, images.length, { height, width, channels }, normalization);
}
