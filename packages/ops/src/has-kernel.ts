import * as tf from '@tensorflow/tfjs';

/** Whether the active backend has a kernel of ours (registered by @resnet/backend). */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}
