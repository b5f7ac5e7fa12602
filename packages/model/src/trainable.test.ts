import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { regularizationLoss } from './regularization-loss.js';
import type { NetworkSpec } from './spec.js';
import { tinySpec } from './tiny-spec.js';

describe('built models train', () => {
  it.each<[string, NetworkSpec]>([
    ['option A', tinySpec()],
    ['pre-activation, option B', tinySpec({ block: 'preact', shortcut: 'projection', head: { batchNormRelu: true } })],
  ])('%s: every trainable weight gets a gradient, the loss falls, tensors stay flat', (_, spec) => {
    const model = buildModel(spec, { seed: 7, weightDecay: 1e-4 });
    const xs = tf.randomUniform([8, 8, 8, 3], 0, 1, 'float32', 1);
    const ys = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
    const labels = tf.oneHot(ys, 10);
    const optimizer = tf.train.adam(0.05);
    const lossFn = () =>
      tf.tidy(() => {
        const probs = model.apply(xs, { training: true }) as tf.Tensor;
        return tf.losses.softmaxCrossEntropy(labels, tf.log(probs.add(1e-7))).add(regularizationLoss(model)) as tf.Scalar;
      });

    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(lossFn, variables);
    for (const v of variables) expect(tf.tidy(() => grads[v.name].abs().sum().dataSync()[0]), v.name).toBeGreaterThan(0);
    const initialLoss = value.dataSync()[0];
    tf.dispose([value, grads]);

    let lastLoss = initialLoss;
    const tensorCounts: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let step = 0; step < 2; step++) {
        const loss = optimizer.minimize(lossFn, true, variables)!;
        lastLoss = loss.dataSync()[0];
        loss.dispose();
      }
      tensorCounts.push(tf.memory().numTensors);
    }
    expect(lastLoss).toBeLessThan(initialLoss * 0.8);
    expect(new Set(tensorCounts).size).toBe(1);

    optimizer.dispose();
    tf.dispose([xs, ys, labels]);
    model.dispose();
  });
});
