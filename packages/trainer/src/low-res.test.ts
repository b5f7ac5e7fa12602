import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { lowResSteps, scaleDown } from './low-res.js';
import { TOY, toySource, weightValues } from './test-utils/toy.js';
import type { FitOptions, TrainingState } from './types.js';

/** Passes its input through and records the spatial size of each batch it sees. */
class SizeRecorder extends tf.layers.Layer {
  static readonly className = 'SizeRecorder';
  readonly sizes: number[] = [];

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    this.sizes.push(x.shape[1] as number);
    return tf.clone(x);
  }
}

/** Recorder → Conv(4) → ReLU → global average pool → Dense(softmax): runs at any image size. */
function recordingModel(): { model: tf.LayersModel; recorder: SizeRecorder } {
  const recorder = new SizeRecorder({});
  const input = tf.input({ shape: [TOY.size, TOY.size, TOY.channels] });
  let x = recorder.apply(input) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: TOY.classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(x) as tf.SymbolicTensor;
  return { model: tf.model({ inputs: input, outputs: output }), recorder };
}

describe('progressive resizing (lowRes)', () => {
  it('scales down bilinearly with half-pixel centers: halving the size averages 2x2 blocks, as PyTorch’s interpolate does', async () => {
    const xs = tf.tensor4d(Array.from({ length: 2 * 4 * 4 * 3 }, (_, i) => Math.sin(i)), [2, 4, 4, 3]);
    const scaled = scaleDown(xs, 2);
    const blockMeans = tf.avgPool(xs, 2, 2, 'valid');
    expect(scaled.shape).toEqual([2, 2, 2, 3]);
    const [got, expected] = await Promise.all([scaled.data(), blockMeans.data()]);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    tf.dispose([xs, scaled, blockMeans]);
  });

  it('counts the low-resolution steps as the nearest whole number of the run’s steps', () => {
    expect(lowResSteps({ size: 20, fraction: 0.5 }, 21 * 95)).toBe(998);
    expect(lowResSteps({ size: 20, fraction: 1 }, 12)).toBe(12);
  });

  it('trains the first fraction of the steps on scaled-down images, the rest at full size, and leaks nothing', async () => {
    const { model, recorder } = recordingModel();
    const counts: number[] = [];
    const { history } = await fit(model, toySource({ count: 64, batchSize: 16, seed: 3 }), {
      epochs: 3,
      optimizer: { name: 'adam', lr: 0.05 },
      lowRes: { size: 4, fraction: 0.5 },
      batchNormStatistics: { mode: 'moving' },
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    // 12 steps: the first 6 at 4x4, the last 6 at 8x8 (the model's input).
    expect(recorder.sizes).toEqual([...Array(6).fill(4), ...Array(6).fill(TOY.size)]);
    expect(history).toHaveLength(3);
    expect(history.every((log) => Number.isFinite(log.loss))).toBe(true);
    expect(counts[2]).toBe(counts[0]);
    model.dispose();
  });

  it('resumed from an epoch end, scales down the same steps and ends with the uninterrupted run’s weights', async () => {
    // 4 epochs of 4 steps; 0.6 of 16 steps: the first 10 at low resolution, 2 of them after the resume.
    const recipe = (): FitOptions => ({ epochs: 4, optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 }, lowRes: { size: 4, fraction: 0.6 }, batchNormStatistics: { mode: 'moving' }, seed: 3 });
    const train = () => toySource({ count: 64, batchSize: 16, seed: 3 });
    const straight = recordingModel();
    await fit(straight.model, train(), recipe());

    const interrupted = recordingModel();
    let state: TrainingState | undefined;
    let saved: Float32Array[] = [];
    const controller = new AbortController();
    await fit(interrupted.model, train(), {
      ...recipe(),
      signal: controller.signal,
      callbacks: [
        {
          onEpochEnd: async (epoch, _log, ctx) => {
            if (epoch !== 1) return;
            state = await ctx.snapshot();
            saved = weightValues(interrupted.model).map((w) => w.slice());
          },
          onBatchEnd: (log) => (log.epoch === 2 ? controller.abort() : undefined),
        },
      ],
    });
    const resumed = recordingModel();
    const tensors = resumed.model.weights.map((w, i) => tf.tensor(saved[i], w.read().shape));
    resumed.model.setWeights(tensors);
    tf.dispose(tensors);
    await fit(resumed.model, train(), { ...recipe(), state });

    expect(resumed.recorder.sizes).toEqual([4, 4, ...Array(6).fill(TOY.size)]);
    const [got, expected] = [weightValues(resumed.model), weightValues(straight.model)];
    got.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
    for (const m of [straight, interrupted, resumed]) m.model.dispose();
  });

  it('rejects a size or fraction it cannot use, naming the option', async () => {
    const { model } = recordingModel();
    const train = toySource({ count: 16, batchSize: 16, seed: 3 });
    const optimizer = { name: 'adam', lr: 0.05 } as const;
    await expect(fit(model, train, { epochs: 1, optimizer, lowRes: { size: 2.5, fraction: 0.5 } })).rejects.toThrow(/lowRes.size must be a whole number >= 1, got 2.5/);
    await expect(fit(model, train, { epochs: 1, optimizer, lowRes: { size: 4, fraction: 0 } })).rejects.toThrow(/lowRes.fraction must be in \(0, 1\], got 0/);
    model.dispose();
  });
});
