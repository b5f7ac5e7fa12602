import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recomputeBatchNormStatistics, statisticsNeedRecompute } from './batch-norm-statistics.js';
import { fit } from './fit.js';
import { toyModel, toySource } from './test-utils/toy.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('statisticsNeedRecompute', () => {
  it('holds while momentum^steps is above 1%: 458 steps for Keras’s 0.99', () => {
    const model = toyModel();
    expect(statisticsNeedRecompute(model, 458)).toBe(true);
    expect(statisticsNeedRecompute(model, 459)).toBe(false);
  });
});

describe('recomputeBatchNormStatistics', () => {
  it('sets the moving statistics to the mean of the batches’ statistics, and restores the momentum', async () => {
    const model = toyModel();
    const source = toySource({ count: 40, batchSize: 16, seed: 3 });
    const bn = model.layers.find((l) => l.getClassName() === 'BatchNormalization') as tf.layers.Layer & { momentum: number };
    // The BatchNorm's input does not depend on training mode: the conv before it has no BatchNorm.
    const convOutput = tf.model({ inputs: model.inputs, outputs: bn.input as tf.SymbolicTensor });
    const means: Float32Array[] = [];
    const variances: Float32Array[] = [];
    for (const { xs, ys } of source.batches(2)) {
      const { mean, variance } = tf.moments(convOutput.predict(xs) as tf.Tensor, [0, 1, 2]);
      means.push((await mean.data()) as Float32Array);
      variances.push((await variance.data()) as Float32Array);
      tf.dispose([xs, ys, mean, variance]);
    }
    const average = (rows: Float32Array[]) => rows[0].map((_, c) => rows.reduce((sum, row) => sum + row[c], 0) / rows.length);

    expect(recomputeBatchNormStatistics(model, source, 2, 10)).toBe(3);
    const [movingMean, movingVariance] = await Promise.all(bn.getWeights().slice(2).map((w) => w.data()));
    Array.from(average(means)).forEach((v, c) => expect(movingMean[c]).toBeCloseTo(v, 5));
    Array.from(average(variances)).forEach((v, c) => expect(movingVariance[c]).toBeCloseTo(v, 5));
    expect(bn.momentum).toBe(0.99);
  });

  it('uses only the batches asked for and leaks nothing', () => {
    const model = toyModel();
    const source = toySource({ count: 64, batchSize: 8, seed: 1 });
    recomputeBatchNormStatistics(model, source, 0, 1);
    const before = tf.memory().numTensors;
    expect(recomputeBatchNormStatistics(model, source, 0, 2)).toBe(2);
    expect(source.produced()).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fit’s batchNormStatistics', () => {
  async function movingAfterFit(mode: 'auto' | 'moving' | 'recompute', epochs: number) {
    const model = toyModel();
    const { history } = await fit(model, toySource({ count: 32, batchSize: 16, seed: 5 }), {
      epochs,
      optimizer: { name: 'adam', lr: 1e-2 },
      batchNormStatistics: { mode },
    });
    const bn = model.layers.find((l) => l.getClassName() === 'BatchNormalization') as tf.layers.Layer;
    return { history, variance: await bn.getWeights()[3].data() };
  }

  it('auto recomputes while the moving averages are young: they no longer hold their initial 1', async () => {
    const auto = await movingAfterFit('auto', 1);
    const moving = await movingAfterFit('moving', 1);
    expect(auto.history[0].batchNormRecomputed).toBe(true);
    expect(moving.history[0].batchNormRecomputed).toBeUndefined();
    // Two steps of momentum 0.99 leave 98% of the initial variance 1; the real variances are far smaller.
    expect(Math.min(...moving.variance)).toBeGreaterThan(0.9);
    expect(Math.max(...auto.variance)).toBeLessThan(0.5);
  });

  it('rejects a bad mode or batch count before training', async () => {
    const source = toySource({ count: 8, batchSize: 8, seed: 1 });
    await expect(fit(toyModel(), source, { epochs: 1, optimizer: { name: 'adam', lr: 1e-3 }, batchNormStatistics: { mode: 'often' as never } })).rejects.toThrow(/mode must be auto, moving or recompute/);
    await expect(fit(toyModel(), source, { epochs: 1, optimizer: { name: 'adam', lr: 1e-3 }, batchNormStatistics: { mode: 'recompute', batches: 0 } })).rejects.toThrow(/batches must be a whole number >= 1, got 0/);
    expect(source.produced()).toBe(0);
  });
});
