import * as tf from '@tensorflow/tfjs';

/**
 * Mean softmax cross-entropy of class scores against integer labels, with label smoothing:
 * the target is (1 - s)·onehot + s/numClasses. From logits, through logSoftmax: no clipping.
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, labelSmoothing = 0): tf.Scalar {
  if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
    throw new Error(`labelSmoothing must be in [0, 1), got ${labelSmoothing}`);
  }
  return tf.tidy(() => {
    const numClasses = logits.shape[1];
    let target = tf.oneHot(tf.cast(labels, 'int32'), numClasses).toFloat();
    if (labelSmoothing > 0) target = target.mul(1 - labelSmoothing).add(labelSmoothing / numClasses);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1))) as tf.Scalar;
  });
}

/** Number of rows whose arg-max matches the label. */
export function correctCount(scores: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(scores, -1), tf.cast(labels, 'int32')), 'int32')));
}
