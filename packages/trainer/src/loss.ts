import * as tf from '@tensorflow/tfjs';

// Keras clips probabilities to [eps, 1 - eps] before the log.
const EPSILON = 1e-7;

/**
 * Mean categorical cross-entropy of softmax probabilities against integer labels, with
 * label smoothing: the target is (1 - s)·onehot + s/numClasses.
 */
export function crossEntropy(probs: tf.Tensor2D, labels: tf.Tensor1D, labelSmoothing = 0): tf.Scalar {
  if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
    throw new Error(`labelSmoothing must be in [0, 1), got ${labelSmoothing}`);
  }
  return tf.tidy(() => {
    const numClasses = probs.shape[1];
    let target = tf.oneHot(tf.cast(labels, 'int32'), numClasses).toFloat();
    if (labelSmoothing > 0) target = target.mul(1 - labelSmoothing).add(labelSmoothing / numClasses);
    const logProbs = tf.log(tf.clipByValue(probs, EPSILON, 1 - EPSILON));
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logProbs), -1))) as tf.Scalar;
  });
}

/** Number of rows whose arg-max matches the label. */
export function correctCount(probs: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), tf.cast(labels, 'int32')), 'int32')));
}
