import * as tf from '@tensorflow/tfjs';
import type { RgbImage } from '../protocol.js';

/**
 * Resizes to the network's input (bilinear, half-pixel centres) and rounds back to bytes,
 * exactly as `resnet predict` does, so both enter the same uint8 -> float path as training.
 */
export function resizeToBytes(image: RgbImage, height: number, width: number): Uint8Array {
  if (image.height === height && image.width === width) return image.pixels;
  return tf.tidy(() => {
    const pixels = tf.tensor3d(image.pixels, [image.height, image.width, 3], 'int32');
    const resized = tf.image.resizeBilinear(pixels, [height, width], false, true);
    return new Uint8Array(resized.round().clipByValue(0, 255).dataSync());
  });
}
