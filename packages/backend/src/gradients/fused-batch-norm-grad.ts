import * as tf from '@tensorflow/tfjs';
import { backend_util, FusedBatchNorm, type FusedBatchNormAttrs, type GradConfig } from '@tensorflow/tfjs';

/**
 * BatchNorm's gradient in 3 passes over x-sized tensors (x - mean, dy * (x - mean), dy * k)
 * and 2 sums, where tfjs's takes about 10 (it tiles rsqrt(variance) to x's size, multiplies
 * each gradient out separately and recomputes dy * scale). With k = scale / sqrt(var + eps):
 * dx = dy k, dmean = -k sum(dy), dvar = -k / 2 (var + eps)^-1 sum(dy (x - mean)),
 * dscale = sum(dy (x - mean)) / sqrt(var + eps), doffset = sum(dy).
 */
export const fusedBatchNormGradConfig: GradConfig = {
  kernelName: FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dyIn, saved, attrs) => {
    const dy = dyIn as tf.Tensor;
    const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
    // Always 4: tfjs's engine cannot save an absent scale (it fails before any gradient runs).
    const [x, mean, variance, scale] = saved;
    const axes = backend_util.getReductionAxes(mean.shape, x.shape);
    const perChannel = (t: tf.Tensor) => tf.reshape(axes.length > 0 ? tf.sum(t, axes) : t, mean.shape);
    const rstd = tf.rsqrt(tf.add(variance, varianceEpsilon));
    const k = tf.mul(rstd, scale);
    // Computed here, not in the closures: the engine runs each closure in its own scope.
    const sumDy = perChannel(dy);
    const sumDyCentered = perChannel(tf.mul(dy, tf.sub(x, mean)));
    return {
      x: () => tf.mul(dy, k),
      mean: () => tf.neg(tf.mul(k, sumDy)),
      variance: () => tf.mul(tf.mul(tf.mul(k, tf.square(rstd)), -0.5), sumDyCentered),
      scale: () => tf.reshape(tf.mul(rstd, sumDyCentered), scale.shape),
      offset: () => sumDy,
    };
  },
};
