import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { regularizationLoss } from './regularization-loss.js';
import { tinySpec } from './tiny-spec.js';

describe('regularizationLoss', () => {
  it('is weightDecay * sum(w^2) over every conv and dense kernel', () => {
    const model = buildModel(tinySpec({ weightDecay: 1e-3 }), { seed: 4 });
    const kernels = model.weights.filter((w) => w.originalName.endsWith('/kernel'));
    const sumOfSquares = kernels.reduce((sum, w) => sum + Array.from(w.read().dataSync()).reduce((s, v) => s + v * v, 0), 0);
    const loss = regularizationLoss(model);
    expect(loss.shape).toEqual([]);
    expect(loss.dataSync()[0]).toBeCloseTo(1e-3 * sumOfSquares, 6);
    expect(sumOfSquares).toBeGreaterThan(1);
    loss.dispose();
    model.dispose();
  });

  it('is 0 without weight decay and leaves only its result behind', () => {
    const model = buildModel(tinySpec({ weightDecay: 0 }));
    const before = tf.memory().numTensors;
    const loss = regularizationLoss(model);
    expect(loss.dataSync()[0]).toBe(0);
    expect(tf.memory().numTensors).toBe(before + 1);
    loss.dispose();
    model.dispose();
  });

  it('has the gradient 2 * weightDecay * w on a kernel', () => {
    const model = buildModel(tinySpec({ weightDecay: 1e-2 }), { seed: 4 });
    const kernel = model.getLayer('stem_conv').weights[0].read() as tf.Variable;
    const { grads } = tf.variableGrads(() => regularizationLoss(model), [kernel]);
    const grad = grads[kernel.name];
    const expected = Array.from(kernel.dataSync()).map((v) => 2 * 1e-2 * v);
    Array.from(grad.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(expected[i], 7));
    tf.dispose(grads);
    model.dispose();
  });
});
