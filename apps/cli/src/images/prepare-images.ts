import { imagesToInputBytes, imagesToTensor, type Normalization, type RgbImage } from '@resnet/data';
import type * as tf from '@tensorflow/tfjs';

/** A batch [N, H, W, 3] of the images, normalized exactly as the run's training batches were. */
export function prepareImages(
  images: RgbImage[],
  inputShape: [number, number, number],
  normalization: Normalization,
): tf.Tensor4D {
  const [height, width, channels] = inputShape;
  if (channels !== 3) throw new Error(`the model takes ${channels}-channel images; only RGB (3) is supported`);
  const batch = imagesToInputBytes(images, height, width);
  return imagesToTensor(batch, images.length, { height, width, channels }, normalization);
}
