import { modelLogits } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { crossEntropy } from './loss.js';
import { createOptimizer } from './optimizer.js';
import { toyModel, toySource, weightValues } from './test-utils/toy.js';

const train = () => toySource({ count: 48, batchSize: 16, seed: 5 });
const sgd = { name: 'sgd', lr: 0.05, momentum: 0.9 } as const;

function batchNormWeight(model: tf.LayersModel, name: 'gamma' | 'beta'): Float32Array {
  const bn = model.layers.find((layer) => layer.getClassName() === 'BatchNormalization')!;
  return bn.weights.find((w) => w.name.endsWith(name))!.read().dataSync() as Float32Array;
}

describe('fit’s batchNorm training options', () => {
  it('trainScale false leaves every BatchNorm gamma at its initial value and still trains the rest, leaking nothing', async () => {
    const model = toyModel();
    const [gamma, beta] = [batchNormWeight(model, 'gamma').slice(), batchNormWeight(model, 'beta').slice()];
    const before = tf.memory().numTensors;
    await fit(model, train(), { epochs: 2, optimizer: sgd, batchNorm: { trainScale: false } });
    expect(tf.memory().numTensors).toBe(before);
    expect(batchNormWeight(model, 'gamma')).toEqual(gamma);
    expect(batchNormWeight(model, 'beta')).not.toEqual(beta);

    const trained = toyModel();
    await fit(trained, train(), { epochs: 2, optimizer: sgd });
    expect(batchNormWeight(trained, 'gamma')).not.toEqual(gamma);
    model.dispose();
    trained.dispose();
  });

  it('biasLrScale k with momentum SGD equals a k-times learning rate on the BatchNorm biases only', async () => {
    const k = 8;
    const model = toyModel();
    const before = tf.memory().numTensors;
    await fit(model, train(), { epochs: 1, optimizer: sgd, batchNorm: { biasLrScale: k }, batchNormStatistics: { mode: 'moving' } });
    expect(tf.memory().numTensors).toBe(before);

    // Reference: the same loss, the biases stepped by a second optimizer at k times the rate.
    const reference = toyModel();
    const isBeta = (v: tf.Variable) => v.name.includes('batch_normalization') && v.name.endsWith('beta');
    const variables = reference.trainableWeights.map((w) => w.read() as tf.Variable);
    const { optimizer: biasOptimizer } = createOptimizer({ ...sgd, lr: sgd.lr * k });
    const { optimizer: otherOptimizer } = createOptimizer(sgd);
    expect(variables.filter(isBeta)).toHaveLength(1);
    for (const { xs, ys } of train().batches(0)) {
      const { value, grads } = tf.variableGrads(() => crossEntropy(modelLogits(reference, xs, true), ys), variables);
      biasOptimizer.applyGradients(variables.filter(isBeta).map((v) => ({ name: v.name, tensor: grads[v.name] })));
      otherOptimizer.applyGradients(variables.filter((v) => !isBeta(v)).map((v) => ({ name: v.name, tensor: grads[v.name] })));
      tf.dispose([xs, ys, value, ...Object.values(grads)]);
    }
    biasOptimizer.dispose();
    otherOptimizer.dispose();

    const [actual, expected] = [weightValues(model), weightValues(reference)];
    expect(actual).toHaveLength(expected.length);
    actual.forEach((values, i) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
    model.dispose();
    reference.dispose();
  });

  it('rejects biasLrScale other than 1 with Adam, and one that is not above 0, before training', async () => {
    const model = toyModel();
    const source = train();
    await expect(fit(model, source, { epochs: 1, optimizer: { name: 'adam', lr: 1e-3 }, batchNorm: { biasLrScale: 64 } })).rejects.toThrow(
      /biasLrScale 64 needs SGD.*use biasLrScale 1 with Adam/,
    );
    await expect(fit(model, source, { epochs: 1, optimizer: sgd, batchNorm: { biasLrScale: 0 } })).rejects.toThrow(/biasLrScale must be a number > 0, got 0/);
    expect(source.produced()).toBe(0);
    model.dispose();
  });
});
