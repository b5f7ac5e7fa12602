import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import type { NetworkSpec } from './spec.js';
import { tinySpec } from './tiny-spec.js';
import { hasWhitening, initializeWhitening, WHITENING_LAYER } from './whitening.js';

const whiteningSpec = (): NetworkSpec =>
  tinySpec({ shortcut: 'projection', stem: { kind: 'whitening', filters: 24, kernelSize: 2, stride: 1, batchNormRelu: false } });

/** Images whose neighbouring pixels and channels are strongly correlated, as photos are. */
function correlatedImages(count: number): tf.Tensor4D {
  return tf.tidy(() => {
    const coarse = tf.randomNormal<tf.Rank.R4>([count, 4, 4, 1], 0, 1, 'float32', 3);
    const smooth = tf.image.resizeBilinear(coarse, [8, 8]);
    const noise = tf.randomNormal([count, 8, 8, 3], 0, 0.2, 'float32', 4);
    return tf.add(tf.mul(smooth, tf.tensor1d([1, 0.8, 0.6])), noise) as tf.Tensor4D;
  });
}

/** Uncentred covariance of the first `size` output channels of the whitening conv. */
function outputCovariance(model: tf.LayersModel, images: tf.Tensor4D, size: number): number[][] {
  return tf.tidy(() => {
    const conv = model.getLayer(WHITENING_LAYER).apply(images) as tf.Tensor4D;
    const flat = tf.reshape(tf.slice(conv, [0, 0, 0, 0], [-1, -1, -1, size]), [-1, size]);
    return tf.div(tf.matMul(flat, flat, true, false), flat.shape[0]).arraySync() as number[][];
  });
}

describe('whitening stem', () => {
  it('is a frozen, unpadded conv followed by a ReLU, with no trainable weights', () => {
    const model = buildModel(whiteningSpec(), { seed: 1 });
    const layer = model.getLayer(WHITENING_LAYER);
    expect(hasWhitening(model)).toBe(true);
    expect(layer.trainable).toBe(false);
    expect(layer.outputShape).toEqual([null, 7, 7, 24]);
    expect(model.trainableWeights.map((w) => w.name).filter((name) => name.startsWith(WHITENING_LAYER))).toEqual([]);
    expect(hasWhitening(buildModel(tinySpec(), { seed: 1 }))).toBe(false);
  });

  it('initializeWhitening makes the patch covariance the identity, and the second half the negatives', () => {
    const model = buildModel(whiteningSpec(), { seed: 1 });
    const images = correlatedImages(64);
    expect(initializeWhitening(model, images, 1e-9)).toBe(64 * 7 * 7);
    const covariance = outputCovariance(model, images, 12);
    covariance.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 3)));
    const kernel = model.getLayer(WHITENING_LAYER).getWeights()[0];
    const [first, second] = tf.split(kernel, 2, 3);
    expect(tf.max(tf.abs(tf.add(first, second))).dataSync()[0]).toBe(0);
    // Largest eigenvalue first: the first filter's output is the one epsilon shrinks least.
    initializeWhitening(model, images, 0.5);
    const shrunk = outputCovariance(model, images, 12);
    expect(shrunk[0][0]).toBeGreaterThan(shrunk[11][11]);
    expect(shrunk[11][11]).toBeLessThan(0.9);
  });

  it('refuses a model without a whitening stem and images with the wrong channel count', () => {
    expect(() => initializeWhitening(buildModel(tinySpec(), { seed: 1 }), correlatedImages(2))).toThrow(/has no "stem_whitening" layer/);
    const model = buildModel(whiteningSpec(), { seed: 1 });
    expect(() => initializeWhitening(model, tf.zeros([2, 8, 8, 1]) as tf.Tensor4D)).toThrow('the images have 1 channels, the stem expects 3');
  });

  it('leaks no tensors', () => {
    const model = buildModel(whiteningSpec(), { seed: 1 });
    const images = correlatedImages(600);
    initializeWhitening(model, images);
    const before = tf.memory().numTensors;
    initializeWhitening(model, images);
    expect(tf.memory().numTensors).toBe(before);
  });
});
