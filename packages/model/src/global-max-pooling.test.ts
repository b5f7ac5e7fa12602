import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { GlobalMaxPooling2D } from './global-max-pooling.js';
import { registerModelLayers } from './register-model-layers.js';
import { tinySpec } from './tiny-spec.js';

describe('GlobalMaxPooling2D (tfjs-layers’ own, first-maximum gradient, any map size)', () => {
  it('saves exactly as tfjs-layers’ layer does and is what saved ones load as', async () => {
    const ours = new GlobalMaxPooling2D({ name: 'pool' });
    expect(ours.getClassName()).toBe('GlobalMaxPooling2D');
    expect(ours.getConfig()).toEqual(tf.layers.globalMaxPooling2d({ name: 'pool' }).getConfig());
    const input = tf.input({ shape: [4, 4, 3] });
    const model = tf.model({ inputs: input, outputs: tf.layers.globalMaxPooling2d({}).apply(input) as tf.SymbolicTensor });
    registerModelLayers();
    const loaded = await tf.models.modelFromJSON(JSON.parse(JSON.stringify(model.toJSON(undefined, false))));
    expect(loaded.layers[1]).toBeInstanceOf(GlobalMaxPooling2D);
    model.dispose();
    loaded.dispose();
  });

  it('computes each channel’s maximum over maps of any size', async () => {
    const layer = new GlobalMaxPooling2D({});
    for (const [h, w] of [[3, 3], [2, 5], [1, 1]]) {
      const x = tf.tensor4d(Array.from({ length: 2 * h * w * 3 }, (_, i) => Math.sin(i * 1.7)), [2, h, w, 3]);
      const y = layer.apply(x) as tf.Tensor;
      expect(y.shape).toEqual([2, 3]);
      expect(Array.from(await y.data())).toEqual(Array.from(await tf.max(x, [1, 2]).data()));
      tf.dispose([x, y]);
    }
  });

  it('sends the gradient to the first of tied maxima only (tfjs’s max sends it to each)', async () => {
    // One image, one channel, three tied maxima (2) in a 2x2 map.
    const x = tf.tensor4d([2, 0, 2, 2], [1, 2, 2, 1]);
    const layer = new GlobalMaxPooling2D({});
    const ours = tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x);
    const stock = tf.grad((t: tf.Tensor) => tf.sum(tf.max(t, [1, 2])))(x);
    expect(Array.from(await ours.data())).toEqual([1, 0, 0, 0]);
    expect(Array.from(await stock.data())).toEqual([1, 0, 1, 1]);
    tf.dispose([x, ours, stock]);
  });

  it('lets a max-pooled network built for one image size score images of another', () => {
    const model = buildModel(tinySpec({ head: { ...tinySpec().head, pooling: 'max' } }), { seed: 1 });
    const [, height] = model.inputs[0].shape as number[];
    const x = tf.ones([2, height - 2, height - 2, 3]);
    const y = model.apply(x, { training: true }) as tf.Tensor;
    expect(y.shape).toEqual([2, 10]);
    tf.dispose([x, y]);
    model.dispose();
  });
});
