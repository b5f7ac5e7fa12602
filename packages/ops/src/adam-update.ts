import * as tf from '@tensorflow/tfjs';
import { hasKernel } from './has-kernel.js';
import { AdamUpdate, type AdamUpdateAttrs, type AdamUpdateInputs } from './kernel-names.js';

export interface AdamUpdateResult {
  x: tf.Tensor;
  m: tf.Tensor;
  v: tf.Tensor;
}

/**
 * One Adam step for one variable (see `AdamUpdate`): one kernel where the backend has ours,
 * else tfjs's ops in the order tfjs's AdamOptimizer applies them.
 */
export function adamUpdate(x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, gradient: tf.Tensor, attrs: AdamUpdateAttrs): AdamUpdateResult {
  if (hasKernel(AdamUpdate)) {
    const inputs: AdamUpdateInputs = { x, m, v, gradient };
    const [x2, m2, v2] = tf.engine().runKernel(AdamUpdate, inputs as unknown as tf.NamedTensorMap, attrs) as tf.Tensor[];
    return { x: x2, m: m2, v: v2 };
  }
  const { lr, beta1, beta2, epsilon, step } = attrs;
  return tf.tidy(() => {
    const m2 = tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1));
    const v2 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
    const mHat = tf.div(m2, 1 - beta1 ** step);
    const vHat = tf.div(v2, 1 - beta2 ** step);
    const x2 = tf.sub(x, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), lr));
    return { x: x2, m: m2, v: v2 };
  });
}
