import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BatchNormalization } from './batch-normalization.js';
import { registerModelLayers } from './register-model-layers.js';

const args = { name: 'bn', momentum: 0.9, epsilon: 1e-5 };

describe('BatchNormalization (tfjs-layers’ own, with a fused training step)', () => {
  it('saves exactly as tfjs-layers’ layer does: same class name, config and weights', () => {
    const ours = new BatchNormalization(args);
    const stock = tf.layers.batchNormalization(args);
    for (const layer of [ours, stock]) layer.build([null, 4, 4, 3]);
    expect(ours.getClassName()).toBe('BatchNormalization');
    expect(ours.getConfig()).toEqual(stock.getConfig());
    expect(ours.weights.map((w) => [w.originalName, w.shape, w.trainable])).toEqual(stock.weights.map((w) => [w.originalName, w.shape, w.trainable]));
  });

  it('is what saved BatchNormalization layers load as once the model layers are registered', async () => {
    const input = tf.input({ shape: [2, 2, 3] });
    const model = tf.model({ inputs: input, outputs: tf.layers.batchNormalization(args).apply(input) as tf.SymbolicTensor });
    registerModelLayers();
    const json = JSON.stringify(model.toJSON(undefined, false));
    const loaded = await tf.models.modelFromJSON(JSON.parse(json));
    expect(loaded.layers[1]).toBeInstanceOf(BatchNormalization);
    model.dispose();
    loaded.dispose();
  });

  // Through @resnet/ops's kernel where the backend has ours (wasm), else through tfjs's ops.
  it('trains like tfjs-layers’ layer: the same outputs and moving statistics', async () => {
    const x = tf.tensor4d(Array.from({ length: 24 }, (_, i) => Math.sin(i)), [2, 2, 2, 3]);
    const [ours, stock] = [new BatchNormalization(args), tf.layers.batchNormalization(args)];
    const outputs = [ours, stock].map((layer) => layer.apply(x, { training: true }) as tf.Tensor);
    const [y, expectedY] = await Promise.all(outputs.map((t) => t.data()));
    y.forEach((v, i) => expect(v).toBeCloseTo(expectedY[i], 5));
    // Weights 2 and 3: the moving mean (from 0) and variance (from 1).
    for (const [index, start] of [[2, 0], [3, 1]]) {
      const [moving, expected] = await Promise.all([ours, stock].map((layer) => layer.getWeights()[index].data()));
      moving.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
      expect(Array.from(moving).some((v) => v !== start)).toBe(true);
    }
    tf.dispose([x, ...outputs]);
  });
});
