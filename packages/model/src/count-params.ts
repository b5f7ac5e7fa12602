import type * as tf from '@tensorflow/tfjs';

export interface ParamCounts {
  total: number;
  trainable: number;
  /** BN moving means and variances. */
  nonTrainable: number;
}

function countWeights(weights: readonly { shape: tf.Shape }[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce<number>((size, dim) => size * (dim ?? 0), 1), 0);
}

export function countParams(model: tf.LayersModel): ParamCounts {
  const trainable = countWeights(model.trainableWeights);
  const nonTrainable = countWeights(model.nonTrainableWeights);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}
