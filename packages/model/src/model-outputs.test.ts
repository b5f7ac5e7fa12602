import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { modelLogits, predictProbabilities } from './model-outputs.js';
import { tinySpec } from './tiny-spec.js';

const images = () => tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 7);

async function closeTo(actual: tf.Tensor, expected: tf.Tensor, digits = 5): Promise<void> {
  const [a, e] = [await actual.data(), await expected.data()];
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(e[i], digits));
}

describe('modelLogits and predictProbabilities', () => {
  it('take the softmax head’s logits from its Dense: their softmax is the model’s output', async () => {
    const model = buildModel(tinySpec(), { seed: 1 });
    const x = images();
    const logits = modelLogits(model, x, false);
    expect(logits.shape).toEqual([3, 10]);
    await closeTo(tf.softmax(logits), model.predict(x) as tf.Tensor);
    await closeTo(predictProbabilities(model, x), model.predict(x) as tf.Tensor, 6);
    // Not log-probabilities: softmax is shift-invariant, and the Dense's output is not normalized.
    expect(Math.abs((await tf.logSumExp(logits, 1).data())[0])).toBeGreaterThan(1e-3);
  });

  it('a logits head outputs the same scores as the softmax head with the same weights', async () => {
    const [softmax, logitsHead] = [buildModel(tinySpec(), { seed: 1 }), buildModel(tinySpec(), { seed: 1, head: 'logits' })];
    const x = images();
    await closeTo(logitsHead.predict(x) as tf.Tensor, modelLogits(softmax, x, false));
    await closeTo(modelLogits(logitsHead, x, false), logitsHead.predict(x) as tf.Tensor, 6);
    await closeTo(predictProbabilities(logitsHead, x), softmax.predict(x) as tf.Tensor);
  });

  it('with a logit scale, take the scores after the scaling, for softmax and logits heads alike', async () => {
    const head = { batchNormRelu: false, pooling: 'max' as const, logitScale: 1 / 9, classifierBias: false };
    const softmax = buildModel(tinySpec({ head }), { seed: 1 });
    const logitsHead = buildModel(tinySpec({ head }), { seed: 1, head: 'logits' });
    const unscaled = buildModel(tinySpec({ head: { ...head, logitScale: 1 } }), { seed: 1, head: 'logits' });
    expect(softmax.getLayer('classifier').getWeights().length).toBe(1);
    const x = images();
    const logits = modelLogits(softmax, x, false);
    await closeTo(tf.mul(unscaled.predict(x) as tf.Tensor, 1 / 9), logits);
    await closeTo(tf.softmax(logits), softmax.predict(x) as tf.Tensor);
    await closeTo(modelLogits(logitsHead, x, false), logits, 6);
    await closeTo(predictProbabilities(logitsHead, x), softmax.predict(x) as tf.Tensor);
  });

  it('a max-pooling head classifies the channel maxima', async () => {
    const head = { batchNormRelu: false, pooling: 'max' as const };
    const model = buildModel(tinySpec({ head }), { seed: 1, head: 'logits' });
    const x = images();
    const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('pool').input as tf.SymbolicTensor }).predict(x) as tf.Tensor4D;
    const dense = model.getLayer('classifier');
    await closeTo(dense.apply(tf.max(features, [1, 2])) as tf.Tensor, model.predict(x) as tf.Tensor);
  });

  it('a max-pooling head sends each channel’s gradient to one maximum, also when several tie', () => {
    const head = { batchNormRelu: false, pooling: 'max' as const };
    const model = buildModel(tinySpec({ head }), { seed: 1, head: 'logits' });
    const pool = model.getLayer('pool');
    const [height, width, channels] = (pool.input as tf.SymbolicTensor).shape.slice(1) as number[];
    // Every position ties: tfjs's Max gradient would give each of them the whole gradient.
    const features = tf.ones([2, height, width, channels]);
    const perChannel = tf.tidy(() => {
      const dx = tf.grad((x: tf.Tensor) => tf.sum(pool.apply(x) as tf.Tensor))(features);
      return tf.sum(dx, [1, 2]);
    });
    expect(Array.from(perChannel.dataSync())).toEqual(new Array(2 * channels).fill(1));
    tf.dispose([features, perChannel]);
  });

  it('update BatchNorm’s moving statistics once in training mode, as model.apply does', async () => {
    const model = buildModel(tinySpec(), { seed: 1 });
    const reference = buildModel(tinySpec(), { seed: 1 });
    const x = images();
    modelLogits(model, x, true);
    reference.apply(x, { training: true });
    const moving = async (m: tf.LayersModel) => Promise.all(m.nonTrainableWeights.map((w) => w.read().data()));
    expect(await moving(model)).toEqual(await moving(reference));
  });

  it('do not leak tensors', () => {
    const model = buildModel(tinySpec(), { seed: 1 });
    const x = images();
    modelLogits(model, x, true);
    const before = tf.memory().numTensors;
    tf.dispose([modelLogits(model, x, true), predictProbabilities(model, x)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
