import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/**
 * BatchNorm in training, in one kernel: the batch's per-channel mean and (biased) variance
 * over every axis but the last, and y = (x - mean) / sqrt(variance + epsilon) * scale + offset.
 * Outputs: [y, mean, variance].
 */
export const BatchNormTraining = 'ResnetBatchNormTraining';
export interface BatchNormTrainingInputs {
  /** [..., C] */
  x: TensorInfo;
  /** [C] */
  scale: TensorInfo;
  /** [C] */
  offset: TensorInfo;
}
export interface BatchNormTrainingAttrs extends NamedAttrMap {
  epsilon: number;
}

/**
 * The gradient of `BatchNormTraining`'s y, with xhat = (x - mean) / sqrt(variance + epsilon)
 * and N the values per channel: dOffset = sum(dy), dScale = sum(dy xhat),
 * dx = scale / sqrt(variance + epsilon) (dy - dOffset / N - xhat dScale / N).
 * Outputs: [dx, dScale, dOffset].
 */
export const BatchNormTrainingGrad = 'ResnetBatchNormTrainingGrad';
export interface BatchNormTrainingGradInputs {
  dy: TensorInfo;
  x: TensorInfo;
  scale: TensorInfo;
  mean: TensorInfo;
  variance: TensorInfo;
}
export type BatchNormTrainingGradAttrs = BatchNormTrainingAttrs;

/**
 * One Adam step for one variable, as tfjs's AdamOptimizer computes it, with t the 1-based step:
 * m' = beta1 m + (1 - beta1) g; v' = beta2 v + (1 - beta2) g^2;
 * x' = x - lr (m' / (1 - beta1^t)) / (sqrt(v' / (1 - beta2^t)) + epsilon).
 * Outputs: [x', m', v'].
 */
export const AdamUpdate = 'ResnetAdamUpdate';
export interface AdamUpdateInputs {
  x: TensorInfo;
  m: TensorInfo;
  v: TensorInfo;
  gradient: TensorInfo;
}
export interface AdamUpdateAttrs extends NamedAttrMap {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1-based. */
  step: number;
}

/**
 * BatchNorm's moving statistics after one training step, as tfjs-layers and Keras update them,
 * with f = 1 - momentum: movingMean' = movingMean - (movingMean - mean) f, and the same for the
 * variance. Outputs: [movingMean', movingVariance'].
 */
export const BatchNormMovingAverages = 'ResnetBatchNormMovingAverages';
export interface BatchNormMovingAveragesInputs {
  /** [C] */
  movingMean: TensorInfo;
  /** [C] */
  movingVariance: TensorInfo;
  /** [C], the batch's */
  mean: TensorInfo;
  /** [C], the batch's */
  variance: TensorInfo;
}
export interface BatchNormMovingAveragesAttrs extends NamedAttrMap {
  momentum: number;
}
