import * as tf from '@tensorflow/tfjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Conv2D } from './conv2d.js';

/** The name of a whitening stem's conv, which `initializeWhitening` looks for. */
export const WHITENING_LAYER = 'stem_whitening';

/** airbench's floor on the eigenvalues, so near-constant directions are not blown up. */
export const WHITENING_EPSILON = 5e-4;
/** Images per patch batch: bounds the memory the patches take (500 x 31 x 31 x 12 floats). */
const CHUNK = 500;

/** Filters a whitening stem has: one per dimension of a kernelSize x kernelSize x channels patch, and its negative. */
export function whiteningFilters(kernelSize: number, channels: number): number {
  return 2 * kernelSize * kernelSize * channels;
}

/** The frozen, unpadded conv of a whitening stem; zeros until `initializeWhitening` fills it. */
export function whiteningConv(kernelSize: number, filters: number): tf.layers.Layer {
  return new Conv2D({
    name: WHITENING_LAYER,
    filters,
    kernelSize,
    padding: 'valid',
    useBias: false,
    trainable: false,
    kernelInitializer: 'zeros',
  });
}

export function hasWhitening(model: tf.LayersModel): boolean {
  return model.layers.some((layer) => layer.name === WHITENING_LAYER);
}

/** The uncentred covariance of every kernelSize x kernelSize patch of `images`, in (row, column, channel) order. */
function patchCovariance(images: tf.Tensor4D, kernelSize: number): { covariance: number[][]; patches: number } {
  const channels = images.shape[3];
  const size = kernelSize * kernelSize * channels;
  // A conv with one-hot filters copies each patch into the channels, in the kernel's own layout.
  const extract = tf.tidy(() => tf.reshape(tf.eye(size), [kernelSize, kernelSize, channels, size]) as tf.Tensor4D);
  let sum = tf.zeros([size, size]);
  let patches = 0;
  for (let start = 0; start < images.shape[0]; start += CHUNK) {
    const count = Math.min(CHUNK, images.shape[0] - start);
    const next = tf.tidy(() => {
      const chunk = tf.slice(images, [start, 0, 0, 0], [count, -1, -1, -1]);
      const flat = tf.reshape(tf.conv2d(chunk, extract, 1, 'valid'), [-1, size]);
      patches += flat.shape[0];
      return tf.add(sum, tf.matMul(flat, flat, true, false));
    });
    sum.dispose();
    sum = next;
  }
  extract.dispose();
  const mean = tf.div(sum, patches);
  const covariance = mean.arraySync() as number[][];
  tf.dispose([sum, mean]);
  return { covariance, patches };
}

/**
 * Sets a whitening stem's filters from training images (normalized as in training): the
 * eigenvectors of the patch covariance, largest eigenvalue first, each divided by
 * sqrt(eigenvalue + epsilon), then the same filters negated. On the images they came from, the
 * first half of the outputs then has (nearly) the identity as covariance. Returns the number
 * of patches used; throws when the model has no whitening stem.
 */
export function initializeWhitening(model: tf.LayersModel, images: tf.Tensor4D, epsilon = WHITENING_EPSILON): number {
  if (!hasWhitening(model)) throw new Error(`initializeWhitening: model "${model.name}" has no "${WHITENING_LAYER}" layer`);
  if (!(epsilon >= 0)) throw new Error(`initializeWhitening: epsilon must be >= 0, got ${epsilon}`);
  const layer = model.getLayer(WHITENING_LAYER);
  const [kernelSize, , channels, filters] = layer.getWeights()[0].shape;
  if (images.shape[3] !== channels) {
    throw new Error(`initializeWhitening: the images have ${images.shape[3]} channels, the stem expects ${channels}`);
  }
  if (images.shape[1] < kernelSize || images.shape[2] < kernelSize || images.shape[0] === 0) {
    throw new Error(`initializeWhitening: need at least one image of at least ${kernelSize}x${kernelSize}, got [${images.shape.join(', ')}]`);
  }
  const { covariance, patches } = patchCovariance(images, kernelSize);
  const size = covariance.length;
  const decomposition = new EigenvalueDecomposition(new Matrix(covariance), { assumeSymmetric: true });
  const vectors = decomposition.eigenvectorMatrix;
  const order = decomposition.realEigenvalues.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  const kernel = new Float32Array(size * filters);
  order.forEach(({ value, index }, filter) => {
    const scale = 1 / Math.sqrt(Math.max(value, 0) + epsilon);
    for (let d = 0; d < size; d++) {
      // Kernel layout [row, column, channel, filter]: patch dimension d, output filter.
      const w = vectors.get(d, index) * scale;
      kernel[d * filters + filter] = w;
      kernel[d * filters + size + filter] = -w;
    }
  });
  tf.tidy(() => layer.setWeights([tf.tensor4d(kernel, [kernelSize, kernelSize, channels, filters])]));
  return patches;
}
