import * as tf from '@tensorflow/tfjs';
import { hasKernel } from './has-kernel.js';
import { BatchNormMovingAverages, type BatchNormMovingAveragesAttrs, type BatchNormMovingAveragesInputs } from './kernel-names.js';

export interface BatchNormMovingAveragesResult {
  movingMean: tf.Tensor1D;
  movingVariance: tf.Tensor1D;
}

/**
 * BatchNorm's moving mean and variance after a training step (see `BatchNormMovingAverages`):
 * one kernel where the backend has ours, else three tfjs ops for each.
 */
export function batchNormMovingAverages(
  movingMean: tf.Tensor1D,
  movingVariance: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  momentum: number,
): BatchNormMovingAveragesResult {
  if (hasKernel(BatchNormMovingAverages)) {
    const inputs: BatchNormMovingAveragesInputs = { movingMean, movingVariance, mean, variance };
    const attrs: BatchNormMovingAveragesAttrs = { momentum };
    const [mean2, variance2] = tf.engine().runKernel(BatchNormMovingAverages, inputs as unknown as tf.NamedTensorMap, attrs) as tf.Tensor1D[];
    return { movingMean: mean2, movingVariance: variance2 };
  }
  const move = (moving: tf.Tensor1D, value: tf.Tensor1D) => tf.tidy(() => tf.sub(moving, tf.mul(tf.sub(moving, value), 1 - momentum)) as tf.Tensor1D);
  return { movingMean: move(movingMean, mean), movingVariance: move(movingVariance, variance) };
}
