import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { createLookahead } from './lookahead.js';
import { createOptimizer } from './optimizer.js';
import { toyModel, toySource, weightValues } from './test-utils/toy.js';
import { createTrainStep } from './train-step.js';
import type { FitOptions, TrainingState } from './types.js';

// 48 images in batches of 16: 3 steps an epoch, so with every = 2 the epoch ends fall between updates.
const train = () => toySource({ count: 48, batchSize: 16, seed: 7 });
const sgd = { name: 'sgd', lr: 0.2, momentum: 0.9 } as const;
const lookahead = { every: 2, decay: 0.8, power: 1 };

function expectClose(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((values, i) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
}

/** slow += (1 - d)(fast - slow), then fast = slow, on plain arrays. */
function referenceUpdate(model: tf.LayersModel, slow: Float64Array[], d: number): void {
  weightValues(model).forEach((fast, i) => fast.forEach((v, j) => (slow[i][j] += (1 - d) * (v - slow[i][j]))));
  const tensors = model.weights.map((w, i) => tf.tensor(Float32Array.from(slow[i]), w.read().shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

describe('lookahead', () => {
  it('matches a hand-written Lookahead over every weight, BatchNorm statistics included, with a flat tensor count', async () => {
    const epochs = 2;
    const model = toyModel();
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    await fit(model, train(), {
      epochs,
      optimizer: sgd,
      batchNormStatistics: { mode: 'moving' },
      lookahead,
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    expect(counts[1]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(before);

    const reference = toyModel();
    const { optimizer } = createOptimizer(sgd);
    const step = createTrainStep(reference, optimizer, { labelSmoothing: 0, batchNorm: {} });
    const source = train();
    const totalSteps = epochs * source.batchesPerEpoch;
    const d = (s: number) => lookahead.decay * (s / totalSteps) ** lookahead.power;
    let s = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const slow = weightValues(reference).map((w) => Float64Array.from(w));
      for (const batch of source.batches(epoch)) {
        await step(batch);
        tf.dispose([batch.xs, batch.ys]);
        s++;
        if (s % lookahead.every === 0) referenceUpdate(reference, slow, d(s));
      }
      if (s % lookahead.every !== 0) referenceUpdate(reference, slow, d(s));
    }
    optimizer.dispose();

    expectClose(weightValues(model), weightValues(reference));
    model.dispose();
    reference.dispose();
  });

  it('resumed from an epoch end, ends with the uninterrupted run\'s weights, also after BatchNorm statistics were recomputed', async () => {
    // auto recomputes the statistics after epoch 1 only (0.3^3 > 1% > 0.3^6), so the slow copies
    // of the moving statistics must restart from the recomputed ones, as a resumed run's do.
    const model = (seed = 1) => {
      const m = toyModel({ seed });
      (m.layers.find((layer) => layer.getClassName() === 'BatchNormalization') as unknown as { momentum: number }).momentum = 0.3;
      return m;
    };
    const recipe = (): FitOptions => ({ epochs: 3, optimizer: sgd, lookahead, batchNormStatistics: { mode: 'auto', batches: 2 }, seed: 7 });
    const straight = model();
    const reference = await fit(straight, train(), recipe());
    expect(reference.history.map((log) => log.batchNormRecomputed)).toEqual([true, undefined, undefined]);

    const interrupted = model();
    const controller = new AbortController();
    let state: TrainingState | undefined;
    let saved: Float32Array[] = [];
    await fit(interrupted, train(), {
      ...recipe(),
      signal: controller.signal,
      callbacks: [
        {
          // What a checkpoint holds: the model's weights and the loop's state.
          onEpochEnd: async (epoch, _log, ctx) => {
            if (epoch !== 0) return;
            state = await ctx.snapshot();
            saved = weightValues(interrupted).map((w) => w.slice());
          },
          onBatchEnd: (log) => (log.epoch === 1 && log.batch === 1 ? controller.abort() : undefined),
        },
      ],
    });
    interrupted.dispose();

    const resumed = model(2);
    const tensors = resumed.weights.map((w, i) => tf.tensor(saved[i], w.read().shape));
    resumed.setWeights(tensors);
    tf.dispose(tensors);
    const before = tf.memory().numTensors;
    const result = await fit(resumed, train(), { ...recipe(), state });
    expect(result.history.map((log) => log.epoch)).toEqual([0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
    expectClose(weightValues(resumed), weightValues(straight));
    straight.dispose();
    resumed.dispose();
  });

  it('names a bad option', () => {
    const model = toyModel();
    expect(() => createLookahead(model, { every: 0 }, 10)).toThrow('lookahead.every must be a whole number >= 1, got 0');
    expect(() => createLookahead(model, { decay: 1.5 }, 10)).toThrow('lookahead.decay must be in [0, 1], got 1.5');
    expect(() => createLookahead(model, { power: -1 }, 10)).toThrow('lookahead.power must be a number >= 0, got -1');
    model.dispose();
  });
});
