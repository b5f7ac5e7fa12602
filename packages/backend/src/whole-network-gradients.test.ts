import { buildModel, modelLogits, type PresetName } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxRelativeError, runOn, values } from './test-utils/compare.js';
import { setUpWasm } from './test-utils/wasm-vs-cpu.js';

/**
 * Every trainable weight's gradient of one training-mode loss, as one flat tensor: convolutions,
 * BatchNorm in training (our fused kernels on wasm), shortcuts and the classifier together.
 * 16x16 inputs and two images keep the cpu reference to seconds, and leave the last stage 8
 * values per channel: fewer make BatchNorm ill-conditioned enough to amplify rounding.
 */
function gradients(preset: PresetName): () => tf.Tensor {
  return () => {
    const model = buildModel(preset, { seed: 7, inputShape: [16, 16, 3] });
    try {
      const x = tf.tensor4d(values(2 * 16 * 16 * 3, 1), [2, 16, 16, 3]);
      const labels = tf.oneHot(tf.tensor1d([3, 1], 'int32'), 10);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, modelLogits(model, x, true)), variables);
      return tf.concat(variables.map((v) => grads[v.name].flatten()));
    } finally {
      model.dispose();
    }
  };
}

describe('whole-network gradients on wasm with our kernels, against cpu', () => {
  it.each<PresetName>(['simple', 'resnet20', 'preact-resnet18'])('%s', async (preset) => {
    await setUpWasm();
    const cpu = await runOn('cpu', gradients(preset));
    const wasm = await runOn('wasm', gradients(preset));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  }, 180_000);
});
