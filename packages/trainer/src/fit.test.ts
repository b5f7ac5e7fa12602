import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { earlyStopping } from './callbacks/early-stopping.js';
import { fit } from './fit.js';
import { toyModel, toySource, weightValues } from './test-utils/toy.js';
import type { TrainingCallback } from './types.js';

const adam = { name: 'adam', lr: 0.05 } as const;

describe('fit', () => {
  it('lowers the loss over 2 epochs and keeps the tensor count flat from epoch 1 to epoch 3', async () => {
    const model = toyModel();
    const train = toySource({ count: 96, batchSize: 16, seed: 3 });
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const { history, stopReason } = await fit(model, train, {
      epochs: 3,
      optimizer: adam,
      validation: toySource({ count: 30, batchSize: 16, seed: 4 }),
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    expect(stopReason).toBe('completed');
    expect(history.map((log) => log.epoch)).toEqual([0, 1, 2]);
    expect(history[1].loss).toBeLessThan(history[0].loss);
    expect(history[2].val_accuracy).toBeGreaterThan(0.6);
    expect(history[0].imagesPerSecond).toBeGreaterThan(0);
    expect(counts[2]).toBe(counts[0]);
    // The optimizer's slots are freed when fit returns.
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('trains BatchNorm in training mode: its moving statistics move away from their initial values', async () => {
    const model = toyModel();
    const bn = model.layers.find((layer) => layer.getClassName() === 'BatchNormalization')!;
    const [meanBefore] = bn.getWeights().slice(2).map((w) => w.dataSync().slice());
    await fit(model, toySource({ count: 32, batchSize: 16, seed: 3 }), { epochs: 1, optimizer: adam });
    const [meanAfter] = bn.getWeights().slice(2).map((w) => w.dataSync());
    expect(Array.from(meanBefore)).toEqual([0, 0, 0, 0]);
    expect(Math.max(...Array.from(meanAfter).map(Math.abs))).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it('stops on a NaN loss with a clear message and leaves the weights untouched', async () => {
    const model = toyModel();
    const initial = weightValues(model);
    const result = await fit(model, toySource({ count: 32, batchSize: 16, seed: 3, poisonFrom: 0 }), { epochs: 2, optimizer: adam });
    expect(result.stopReason).toBe('non-finite-loss');
    expect(result.stopMessage).toMatch(/loss became NaN at epoch 1, batch 1 .*lower learning rate/);
    expect(result.history).toEqual([]);
    expect(weightValues(model)).toEqual(initial);
    model.dispose();
  });

  it('stops at a batch boundary on abort, reports only whole epochs and leaks nothing', async () => {
    const model = toyModel();
    const train = toySource({ count: 64, batchSize: 16, seed: 3 });
    const controller = new AbortController();
    const ended: number[] = [];
    const before = tf.memory().numTensors;
    const result = await fit(model, train, {
      epochs: 3,
      optimizer: adam,
      signal: controller.signal,
      // No batches drawn for BatchNorm statistics at the epoch's end: only training's are counted.
      batchNormStatistics: { mode: 'moving' },
      callbacks: [
        {
          onBatchEnd: (log) => {
            if (log.epoch === 1 && log.batch === 1) controller.abort();
          },
          onEpochEnd: (epoch) => void ended.push(epoch),
        },
      ],
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.stopMessage).toMatch(/epoch 2, batch 3/);
    expect(ended).toEqual([0]);
    expect(result.history).toHaveLength(1);
    // 4 batches in epoch 1, then 3 drawn in epoch 2 (the third is disposed unused).
    expect(train.produced()).toBe(7);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('lets timers run between steps, so a timer-driven abort (like SIGINT) is seen within a step or two', async () => {
    const model = toyModel();
    const controller = new AbortController();
    const result = await fit(model, toySource({ count: 16, batchSize: 16, seed: 3 }), {
      epochs: 20,
      optimizer: adam,
      signal: controller.signal,
      // Awaiting tensor data only drains microtasks: without a real yield this timer fires after all 20 epochs.
      callbacks: [{ onBatchEnd: (log) => void (log.step === 1 && setTimeout(() => controller.abort(), 0)) }],
    });
    expect(result.stopReason).toBe('aborted');
    // One batch per epoch: the first epoch ends before the timer can fire, the next one or two after.
    expect(result.history.length).toBeLessThanOrEqual(2);
    model.dispose();
  });

  it('adds the kernels\' L2 penalty (weight decay) to the training loss', async () => {
    const losses: Record<string, number> = {};
    for (const weightDecay of [0, 0.5]) {
      const model = toyModel({ weightDecay });
      const kernels = model.trainableWeights.filter((w) => w.name.includes('kernel'));
      const penalty = kernels.reduce((sum, w) => sum + tf.sum(tf.square(w.read())).dataSync()[0], 0) * weightDecay;
      const { history } = await fit(model, toySource({ count: 16, batchSize: 16, seed: 3 }), {
        epochs: 1,
        optimizer: { name: 'sgd', lr: 1e-9 },
      });
      losses[weightDecay] = history[0].loss - penalty;
      model.dispose();
    }
    expect(losses[0.5]).toBeCloseTo(losses[0], 5);
  });

  it('awaits async callbacks in order and stops early when the metric stalls', async () => {
    const model = toyModel();
    const events: string[] = [];
    const recorder: TrainingCallback = {
      onTrainBegin: async () => void events.push('train-begin'),
      onEpochBegin: async (epoch) => void events.push(`epoch-begin ${epoch}`),
      onEpochEnd: async (epoch) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`epoch-end ${epoch}`);
      },
      onTrainEnd: async (result) => void events.push(`train-end ${result.stopReason}`),
    };
    const result = await fit(model, toySource({ count: 32, batchSize: 16, seed: 3 }), {
      epochs: 5,
      optimizer: adam,
      // No loss can improve by 100, so epoch 2 is the first without improvement.
      callbacks: [recorder, earlyStopping({ monitor: 'loss', patience: 1, minDelta: 100 })],
    });
    expect(result.stopReason).toBe('early-stopping');
    expect(events).toEqual(['train-begin', 'epoch-begin 0', 'epoch-end 0', 'epoch-begin 1', 'epoch-end 1', 'train-end early-stopping']);
    model.dispose();
  });

  it('rejects a checkpoint from another optimizer or data seed', async () => {
    const model = toyModel();
    const train = toySource({ count: 16, batchSize: 16, seed: 3 });
    const state = { epoch: 1, step: 1, seed: 9, optimizer: adam, optimizerWeights: { specs: [], data: new ArrayBuffer(0) }, history: [] };
    await expect(fit(model, train, { epochs: 2, optimizer: { name: 'sgd', lr: 0.1 }, state })).rejects.toThrow(/trained with adam.*sgd/);
    await expect(fit(model, train, { epochs: 2, optimizer: adam, state, seed: 3 })).rejects.toThrow(/seed is 9, but options.seed is 3/);
    model.dispose();
  });
});
