import * as tf from '@tensorflow/tfjs';

/** tfjs's MomentumOptimizer, whose dispose() also frees the learning-rate scalar of SGD, its base (tfjs's leaks it). */
export class MomentumOptimizer extends tf.MomentumOptimizer {
  override dispose(): void {
    super.dispose();
    (this as unknown as { c: tf.Scalar }).c.dispose();
  }
}
