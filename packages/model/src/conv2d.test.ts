import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Conv2D } from './conv2d.js';
import { registerModelLayers } from './register-model-layers.js';

const args = { name: 'conv', filters: 4, kernelSize: 3, strides: 2, padding: 'same' as const, useBias: false, kernelInitializer: 'glorotUniform' as const };

/** Kernels run while the gradients of sum(conv(x)) with respect to the conv's kernel are taken. */
async function kernelsOfFilterGradient(layer: tf.layers.Layer, x: tf.Tensor4D): Promise<{ kernels: string[]; gradient: number[] }> {
  const kernel = layer.trainableWeights[0].read() as tf.Variable;
  let gradient: number[] = [];
  const profile = await tf.profile(async () => {
    const { grads, value } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor), [kernel]);
    gradient = Array.from(await grads[kernel.name].data());
    tf.dispose([value, ...Object.values(grads)]);
  });
  return { kernels: profile.kernels.map((k) => k.name), gradient };
}

describe('Conv2D (tfjs-layers’ own, unfused without bias or activation)', () => {
  it('saves exactly as tfjs-layers’ layer does: same class name, config and weights', () => {
    const ours = new Conv2D(args);
    const stock = tf.layers.conv2d(args);
    for (const layer of [ours, stock]) layer.build([null, 8, 8, 3]);
    expect(ours.getClassName()).toBe('Conv2D');
    expect(ours.getConfig()).toEqual(stock.getConfig());
    expect(ours.weights.map((w) => [w.originalName, w.shape, w.trainable])).toEqual(stock.weights.map((w) => [w.originalName, w.shape, w.trainable]));
  });

  it('is what saved Conv2D layers load as once the model layers are registered', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const model = tf.model({ inputs: input, outputs: tf.layers.conv2d(args).apply(input) as tf.SymbolicTensor });
    registerModelLayers();
    const loaded = await tf.models.modelFromJSON(JSON.parse(JSON.stringify(model.toJSON(undefined, false))));
    expect(loaded.layers[1]).toBeInstanceOf(Conv2D);
    model.dispose();
    loaded.dispose();
  });

  it('computes what tfjs-layers’ layer computes, with and without bias and activation', async () => {
    const x = tf.tensor4d(Array.from({ length: 2 * 8 * 8 * 3 }, (_, i) => Math.sin(i)), [2, 8, 8, 3]);
    for (const extra of [{}, { useBias: true, biasInitializer: 'ones' as const, activation: 'relu' as const }]) {
      const [ours, stock] = [new Conv2D({ ...args, ...extra }), tf.layers.conv2d({ ...args, ...extra })];
      ours.build(x.shape);
      stock.build(x.shape);
      stock.setWeights(ours.getWeights());
      const [y, expected] = await Promise.all([ours, stock].map((layer) => (layer.apply(x) as tf.Tensor).data()));
      expect(y.length).toBe(2 * 4 * 4 * 4);
      y.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
    x.dispose();
  });

  it('does not compute the gradient of an input that no trained weight feeds (tfjs-layers’ does)', async () => {
    const x = tf.tensor4d(Array.from({ length: 2 * 8 * 8 * 3 }, (_, i) => Math.cos(i)), [2, 8, 8, 3]);
    const ours = new Conv2D(args);
    const stock = tf.layers.conv2d(args);
    ours.build(x.shape);
    stock.build(x.shape);
    stock.setWeights(ours.getWeights());
    const [withOurs, withStock] = [await kernelsOfFilterGradient(ours, x), await kernelsOfFilterGradient(stock, x)];
    expect(withStock.kernels).toContain('Conv2DBackpropInput');
    expect(withOurs.kernels).not.toContain('Conv2DBackpropInput');
    expect(withOurs.kernels).toContain('Conv2DBackpropFilter');
    withOurs.gradient.forEach((v, i) => expect(v).toBeCloseTo(withStock.gradient[i], 4));
    x.dispose();
  });
});
