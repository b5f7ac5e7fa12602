import * as tf from '@tensorflow/tfjs';

/** The quintic's coefficients (Jordan et al. 2024): the steepest slope at 0 that still keeps singular values near 1. */
export const NEWTON_SCHULZ_COEFFICIENTS = [3.4445, -4.775, 2.0315] as const;
export const NEWTON_SCHULZ_STEPS = 5;

/**
 * Newton-Schulz iteration towards U·Vᵀ for g = U·S·Vᵀ, Muon's "orthogonalized" update: g is
 * scaled to Frobenius norm 1 (so every singular value is at most 1), then each step maps every
 * singular value s to a·s + b·s³ + c·s⁵ while keeping U and V. Five steps bring them to about
 * 0.7-1.2, not exactly 1, which trains as well and needs only matrix products.
 */
export function orthogonalize(g: tf.Tensor2D, steps = NEWTON_SCHULZ_STEPS): tf.Tensor2D {
  const [a, b, c] = NEWTON_SCHULZ_COEFFICIENTS;
  return tf.tidy(() => {
    // X·Xᵀ on the shorter side is the cheaper product.
    const tall = g.shape[0] > g.shape[1];
    let x: tf.Tensor2D = tf.div(tall ? tf.transpose(g) : g, tf.add(tf.norm(g), 1e-7));
    for (let i = 0; i < steps; i++) {
      // An explicit transpose: tfjs-wasm's matMul with transposeB is 8x slower at [256, 2304].
      const s = tf.matMul(x, tf.transpose(x));
      const poly = tf.add(tf.mul(s, b), tf.mul(tf.matMul(s, s), c));
      x = tf.add(tf.mul(x, a), tf.matMul(poly, x));
    }
    return tall ? tf.transpose(x) : x;
  });
}
