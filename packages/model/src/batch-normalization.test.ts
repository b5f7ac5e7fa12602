import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNormalization } from './batch-normalization.js';
import { registerModelLayers } from './register-model-layers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

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

  it('trains like tfjs-layers’ layer where no backend kernel of ours is registered', async () => {
    const x = tf.tensor4d(Array.from({ length: 24 }, (_, i) => Math.sin(i)), [2, 2, 2, 3]);
    const [ours, stock] = [new BatchNormalization(args), tf.layers.batchNormalization(args)];
    const outputs = [ours, stock].map((layer) => layer.apply(x, { training: true }) as tf.Tensor);
    expect(await outputs[0].data()).toEqual(await outputs[1].data());
    const moving = await Promise.all([ours, stock].map((layer) => layer.getWeights()[2].data()));
    expect(moving[0]).toEqual(moving[1]);
    expect(Array.from(moving[0]).some((v) => v !== 0)).toBe(true);
  });
});
