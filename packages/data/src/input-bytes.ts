import * as tf from '@tensorflow/tfjs';
import type { RgbImage } from './rgb-image.js';

/**
 * Resizes an image to the network's input (bilinear, half-pixel centres) and rounds it back
 * to bytes, so it enters the same uint8 -> float path as the training images.
 */
function resizeToBytes(image: RgbImage, height: number, width: number): Uint8Array {
  if (image.height === height && image.width === width) return image.pixels;
  return tf.tidy(() => {
    const pixels = tf.tensor3d(image.pixels, [image.height, image.width, 3], 'int32');
    const resized = tf.image.resizeBilinear(pixels, [height, width], false, true);
    return new Uint8Array(resized.round().clipByValue(0, 255).dataSync());
  });
}

/**
 * Images of any size as one uint8 NHWC batch [N, height, width, 3], the layout
 * `imagesToTensor` takes, so predictions see pixels exactly as training did.
 */
export function imagesToInputBytes(images: readonly RgbImage[], height: number, width: number): Uint8Array {
  const size = height * width * 3;
  const batch = new Uint8Array(images.length * size);
  images.forEach((image, i) => batch.set(resizeToBytes(image, height, width), i * size));
  return batch;
}
