import * as tf from '@tensorflow/tfjs';

/**
 * The sum of the model's weight-decay penalties (0 when it has none); add it to the data
 * loss inside the function you differentiate, as Keras' `fit` does.
 */
export function regularizationLoss(model: tf.LayersModel): tf.Scalar {
  return tf.tidy(() => model.calculateLosses().reduce((sum, loss) => tf.add(sum, loss), tf.scalar(0)));
}
