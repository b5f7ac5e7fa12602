import * as tf from '@tensorflow/tfjs';
import { hasKernel } from './has-kernel.js';
import {
  BatchNormTraining,
  BatchNormTrainingGrad,
  type BatchNormTrainingAttrs,
  type BatchNormTrainingInputs,
} from './kernel-names.js';

export interface BatchNormTrainingResult {
  y: tf.Tensor;
  /** The batch's per-channel mean and biased variance, for the moving averages. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** Routes the gradient of y through `BatchNormTrainingGrad`; mean and variance carry none. */
export const batchNormTrainingGradConfig: tf.GradConfig = {
  kernelName: BatchNormTraining,
  inputsToSave: ['x', 'scale'],
  outputsToSave: [false, true, true],
  gradFunc: (dy, saved, attrs) => {
    const [x, scale, mean, variance] = saved;
    const inputs = { dy: (dy as tf.Tensor[])[0], x, scale, mean, variance };
    const [dx, dScale, dOffset] = tf.engine().runKernel(BatchNormTrainingGrad, inputs, attrs) as tf.Tensor[];
    return { x: () => dx, scale: () => dScale, offset: () => dOffset };
  },
};

/**
 * BatchNorm in training mode over every axis but the last: one kernel forward and one
 * backward where the backend has ours, else tfjs's moments and batchNorm, as tfjs-layers
 * computes it.
 */
export function batchNormTraining(x: tf.Tensor, scale: tf.Tensor1D, offset: tf.Tensor1D, epsilon: number): BatchNormTrainingResult {
  if (hasKernel(BatchNormTraining)) {
    if (tf.getGradient(BatchNormTraining) !== batchNormTrainingGradConfig) tf.registerGradient(batchNormTrainingGradConfig);
    const inputs: BatchNormTrainingInputs = { x, scale, offset };
    const attrs: BatchNormTrainingAttrs = { epsilon };
    const [y, mean, variance] = tf.engine().runKernel(BatchNormTraining, inputs as unknown as tf.NamedTensorMap, attrs) as tf.Tensor[];
    return { y, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  }
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
    return { y: tf.batchNorm(x, mean, variance, offset, scale, epsilon), mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  });
}
