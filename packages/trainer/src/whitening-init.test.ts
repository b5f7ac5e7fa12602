import { buildModel, initializeWhitening, tinySpec } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { toySource } from './test-utils/toy.js';
import { fit } from './fit.js';
import type { TrainingState } from './types.js';
import { initializeWhiteningFrom } from './whitening-init.js';

const whiteningNet = () =>
  buildModel(
    tinySpec({ shortcut: 'projection', numClasses: 3, stem: { kind: 'whitening', filters: 24, kernelSize: 2, stride: 1, batchNormRelu: false } }),
    { seed: 1 },
  );

const kernelOf = (model: tf.LayersModel) => model.getLayer('stem_whitening').getWeights()[0].dataSync();

describe('initializeWhiteningFrom', () => {
  it('whitens from the first N images of epoch 0, as initializeWhitening on those images does', () => {
    const source = toySource({ count: 40, batchSize: 16, seed: 2 });
    const model = whiteningNet();
    expect(initializeWhiteningFrom(model, source, { images: 20 })).toBe(20);
    const reference = whiteningNet();
    const batches = [...source.batches(0)];
    const first = tf.concat([batches[0].xs, tf.slice(batches[1].xs, 0, 4)]);
    initializeWhitening(reference, first);
    const [a, b] = [kernelOf(model), kernelOf(reference)];
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(0.1);
    a.forEach((value, i) => expect(value).toBeCloseTo(b[i], 4));
  });

  it('does nothing to a model without a whitening stem, and leaks no tensors', () => {
    const source = toySource({ count: 40, batchSize: 16, seed: 2 });
    expect(initializeWhiteningFrom(buildModel(tinySpec({ numClasses: 3 }), { seed: 1 }), source)).toBe(0);
    const model = whiteningNet();
    initializeWhiteningFrom(model, source, { images: 20 });
    const before = tf.memory().numTensors;
    initializeWhiteningFrom(model, source, { images: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("fit passes whiteningEpsilon to the stem: larger values scale the weakest directions less", async () => {
    const source = toySource({ count: 40, batchSize: 16, seed: 2 });
    const sgd = { name: 'sgd', lr: 0.01 } as const;
    const fresh = whiteningNet();
    await fit(fresh, source, { epochs: 1, optimizer: sgd, whiteningEpsilon: 0.05 });
    const [larger, airbench] = [whiteningNet(), whiteningNet()];
    initializeWhiteningFrom(larger, source, { epsilon: 0.05 });
    initializeWhiteningFrom(airbench, source);
    expect(Array.from(kernelOf(fresh))).toEqual(Array.from(kernelOf(larger)));
    const norm = (values: Float32Array | Int32Array | Uint8Array) => Math.hypot(...values);
    expect(norm(kernelOf(larger))).toBeLessThan(0.9 * norm(kernelOf(airbench)));
  });

  it('fit whitens a fresh run from its training images and leaves a resumed run\'s stem as saved', async () => {
    const source = toySource({ count: 40, batchSize: 16, seed: 2 });
    const sgd = { name: 'sgd', lr: 0.01 } as const;
    const fresh = whiteningNet();
    await fit(fresh, source, { epochs: 1, optimizer: sgd });
    const reference = whiteningNet();
    initializeWhiteningFrom(reference, source);
    expect(Array.from(kernelOf(fresh))).toEqual(Array.from(kernelOf(reference)));

    let state: TrainingState | undefined;
    const resumed = whiteningNet();
    await fit(resumed, source, { epochs: 1, optimizer: sgd, callbacks: [{ onEpochEnd: async (_e, _l, ctx) => void (state = await ctx.snapshot()) }] });
    // As if the checkpoint held a stem made from other images: resuming must keep it.
    const saved = Float32Array.from(kernelOf(resumed), (v) => 2 * v);
    resumed.getLayer('stem_whitening').setWeights([tf.tensor4d(saved, [2, 2, 3, 24])]);
    await fit(resumed, source, { epochs: 2, optimizer: sgd, state });
    expect(Array.from(kernelOf(resumed))).toEqual(Array.from(saved));
  });
});
