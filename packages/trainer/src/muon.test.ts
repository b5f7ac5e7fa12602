import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { MomentumOptimizer } from './momentum-optimizer.js';
import { MuonOptimizer } from './muon.js';
import { orthogonalize } from './newton-schulz.js';
import { createOptimizer } from './optimizer.js';
import { toyModel, toySource, weightValues } from './test-utils/toy.js';
import type { FitOptions, TrainingState } from './types.js';

const SETTINGS = { lr: 0.1, momentum: 0.9, nesterov: true, muonLr: 0.05, muonMomentum: 0.6 };
const FILTER_SHAPE = [3, 3, 2, 4] as const;

function seeded(shape: readonly number[], seed: number): tf.Tensor {
  return tf.randomNormal([...shape], 0, 1, 'float32', seed);
}

/** What one Muon step makes of filter bank `x` given Nesterov direction `direction`, from the definition. */
function expectedFilterStep(x: tf.Tensor, direction: tf.Tensor, lr: number): Float32Array {
  return tf.tidy(() => {
    const out = FILTER_SHAPE[3];
    const norm = Math.sqrt(Array.from(x.dataSync()).reduce((sum, v) => sum + v * v, 0));
    const update = tf.reshape(orthogonalize(tf.reshape(direction, [-1, out]) as tf.Tensor2D), x.shape);
    return tf.sub(tf.mul(x, Math.sqrt(out) / norm), tf.mul(update, lr)).dataSync() as Float32Array;
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 5): void {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((value, i) => expect(value).toBeCloseTo(expected[i], digits));
}

describe('MuonOptimizer', () => {
  it('steps a rank-4 filter bank by the orthogonalized Nesterov direction after scaling it to norm √out, over two steps', () => {
    const filter = tf.variable(seeded(FILTER_SHAPE, 1), true, 'muon-test/filter');
    const [g1, g2] = [seeded(FILTER_SHAPE, 2), seeded(FILTER_SHAPE, 3)];
    const muon = new MuonOptimizer(SETTINGS);
    const m = SETTINGS.muonMomentum;

    const x0 = filter.clone();
    muon.applyGradients({ [filter.name]: g1 });
    // Step 1: buffer = g1, direction = g1 + m·g1.
    expectClose(filter.dataSync(), expectedFilterStep(x0, tf.mul(g1, 1 + m), SETTINGS.muonLr));

    const x1 = filter.clone();
    muon.applyGradients({ [filter.name]: g2 });
    // Step 2: buffer = m·g1 + g2, direction = g2 + m·buffer.
    const direction = tf.add(g2, tf.mul(tf.add(tf.mul(g1, m), g2), m));
    expectClose(filter.dataSync(), expectedFilterStep(x1, direction, SETTINGS.muonLr));
    tf.dispose([filter, g1, g2, x0, x1, direction]);
    muon.dispose();
  });

  it('a zero gradient only rescales a filter bank to norm √(output channels)', () => {
    const filter = tf.variable(tf.mul(seeded(FILTER_SHAPE, 4), 7), true, 'muon-test/big-filter');
    const muon = new MuonOptimizer(SETTINGS);
    muon.applyGradients({ [filter.name]: tf.zerosLike(filter) });
    expect(tf.norm(filter).dataSync()[0]).toBeCloseTo(Math.sqrt(FILTER_SHAPE[3]), 4);
    filter.dispose();
    muon.dispose();
  });

  it('trains every other variable exactly as SGD with the same momentum and Nesterov', () => {
    const bias = tf.variable(seeded([5], 5), true, 'muon-test/bias');
    const twin = tf.variable(bias.clone(), true, 'muon-test/bias-twin');
    const muon = new MuonOptimizer(SETTINGS);
    const sgd = new MomentumOptimizer(SETTINGS.lr, SETTINGS.momentum, SETTINGS.nesterov);
    for (const seed of [6, 7, 8]) {
      const g = seeded([5], seed);
      muon.applyGradients([{ name: bias.name, tensor: g }]);
      sgd.applyGradients([{ name: twin.name, tensor: g }]);
      g.dispose();
    }
    expect(Array.from(bias.dataSync())).toEqual(Array.from(twin.dataSync()));
    tf.dispose([bias, twin]);
    muon.dispose();
    sgd.dispose();
  });

  it("moves the filters' learning rate with the schedule: half the lr, half the filter step", () => {
    const filter = tf.variable(seeded(FILTER_SHAPE, 9), true, 'muon-test/scheduled-filter');
    const g = seeded(FILTER_SHAPE, 10);
    const { optimizer, setLearningRate } = createOptimizer({ name: 'muon', ...SETTINGS });
    const x0 = filter.clone();
    setLearningRate(SETTINGS.lr / 2);
    optimizer.applyGradients({ [filter.name]: g });
    expectClose(filter.dataSync(), expectedFilterStep(x0, tf.mul(g, 1 + SETTINGS.muonMomentum), SETTINGS.muonLr / 2));
    tf.dispose([filter, g, x0]);
    optimizer.dispose();
  });

  it('saves and restores its slots: a restored optimizer takes the same next step as the original', async () => {
    const make = (name: string) => ({
      filter: tf.variable(seeded(FILTER_SHAPE, 11), true, `${name}/filter`),
      bias: tf.variable(seeded([4], 12), true, `${name}/bias`),
    });
    const a = make('muon-save-a');
    const b = make('muon-save-b');
    const grads = (v: typeof a, seed: number) => [
      { name: v.filter.name, tensor: seeded(FILTER_SHAPE, seed) },
      { name: v.bias.name, tensor: seeded([4], seed + 1) },
    ];
    const first = new MuonOptimizer(SETTINGS);
    for (const seed of [13, 15]) first.applyGradients(grads(a, seed));
    const saved = await first.getWeights();
    expect(saved.map((w) => w.name)).toEqual(['iter', 'muon-save-a/bias/momentum', 'muon-save-a/filter/muon_momentum']);
    const restored = new MuonOptimizer(SETTINGS);
    await restored.setWeights(saved);
    expect(restored.iterations).toBe(2);
    b.filter.assign(a.filter);
    b.bias.assign(a.bias);
    first.applyGradients(grads(a, 17));
    restored.applyGradients(grads(b, 17));
    expectClose(b.filter.dataSync(), a.filter.dataSync(), 6);
    expectClose(b.bias.dataSync(), a.bias.dataSync(), 6);
    saved[0].tensor.dispose();
    first.dispose();
    restored.dispose();
    tf.dispose([a.filter, a.bias, b.filter, b.bias]);
  });

  it("leaves the conv filters' L2 out of the loss (Muon fixes their norm instead) and keeps the classifier's", async () => {
    const tiny = { lr: 1e-9, momentum: 0.5 };
    const firstLoss = async (optimizer: FitOptions['optimizer'], weightDecay: number) => {
      const model = toyModel({ weightDecay });
      const { history } = await fit(model, toySource({ count: 16, batchSize: 16, seed: 3 }), { epochs: 1, optimizer });
      model.dispose();
      return history[0].loss;
    };
    // The same initial weights (seeded) and the one batch, so the losses differ by their L2 terms only.
    const reference = toyModel();
    const squares = (rank: number) =>
      reference.trainableWeights.filter((w) => w.shape.length === rank).reduce((sum, w) => sum + tf.sum(tf.square(w.read())).dataSync()[0], 0);
    const [conv, dense] = [squares(4), squares(2)];
    reference.dispose();
    const plain = await firstLoss({ name: 'muon', ...tiny, muonLr: 1e-9 }, 0);
    expect(await firstLoss({ name: 'muon', ...tiny, muonLr: 1e-9 }, 0.5)).toBeCloseTo(plain + 0.5 * dense, 5);
    expect(await firstLoss({ name: 'sgd', ...tiny }, 0.5)).toBeCloseTo(plain + 0.5 * (conv + dense), 5);
    expect(conv).toBeGreaterThan(0.1);
  });

  it('trains the toy network through fit: the loss falls and the tensor count stays flat across epochs', async () => {
    const model = toyModel();
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const { history } = await fit(model, toySource({ count: 96, batchSize: 16, seed: 3 }), {
      epochs: 3,
      optimizer: { name: 'muon', lr: 0.05, momentum: 0.9, nesterov: true, muonLr: 0.05 },
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    expect(history[2].loss).toBeLessThan(history[0].loss);
    expect(counts[2]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('resumed from a checkpoint after epoch 1, ends with the uninterrupted run\'s weights', async () => {
    const recipe = (): FitOptions => ({ epochs: 2, optimizer: { name: 'muon', lr: 0.05, momentum: 0.9, nesterov: true, muonLr: 0.05 }, seed: 7 });
    const train = () => toySource({ count: 48, batchSize: 16, seed: 3 });
    const straight = toyModel();
    await fit(straight, train(), recipe());

    const first = toyModel();
    let state: TrainingState | undefined;
    let saved: Float32Array[] = [];
    await fit(first, train(), {
      ...recipe(),
      epochs: 1,
      callbacks: [{ onEpochEnd: async (_epoch, _log, ctx) => void ((state = await ctx.snapshot()), (saved = weightValues(first).map((w) => w.slice()))) }],
    });
    first.dispose();
    const resumed = toyModel({ seed: 2 });
    const tensors = resumed.weights.map((w, i) => tf.tensor(saved[i], w.read().shape));
    resumed.setWeights(tensors);
    tf.dispose(tensors);
    await fit(resumed, train(), { ...recipe(), state });
    const [a, b] = [weightValues(resumed), weightValues(straight)];
    a.forEach((values, i) => expectClose(values, b[i], 5));
    straight.dispose();
    resumed.dispose();
  });
});
