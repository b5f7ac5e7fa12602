import { buildModel, modelLogits, type PresetName } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxRelativeError, runOn, values } from './test-utils/compare.js';
import { setUpWasm } from './test-utils/wasm-vs-cpu.js';

/**
 * Every trainable weight's gradient of one training-mode loss, as one flat tensor: convolutions,
 * BatchNorm in training (our fused kernels on wasm), shortcuts, max-pooling and the classifier
 * together. 16x16 inputs and two images keep the cpu reference to seconds, and leave the last
 * stage 8 values per channel: fewer make BatchNorm ill-conditioned enough to amplify rounding.
 * ResNet-9 pools its last stage to 2x2: with 2 images there, rounding differences decide which
 * element wins a near-tied pooling window and the gradients end 2e-2 apart; 4 images suffice.
 */
function gradients(preset: PresetName, images: number): () => tf.Tensor {
  return () => {
    const model = buildModel(preset, { seed: 7, inputShape: [16, 16, 3] });
    try {
      const x = tf.tensor4d(values(images * 16 * 16 * 3, 1), [images, 16, 16, 3]);
      const labels = tf.oneHot(tf.tensor1d(Array.from({ length: images }, (_, i) => (3 + 8 * i) % 10), 'int32'), 10);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, modelLogits(model, x, true)), variables);
      return tf.concat(variables.map((v) => grads[v.name].flatten()));
    } finally {
      model.dispose();
    }
  };
}

describe('whole-network gradients on wasm with our kernels, against cpu', () => {
  it.each<[PresetName, number]>([
    ['simple', 2],
    ['resnet20', 2],
    ['preact-resnet18', 2],
    ['resnet9-half', 4],
  ])('%s, %i images', async (preset, images) => {
    await setUpWasm();
    const cpu = await runOn('cpu', gradients(preset, images));
    const wasm = await runOn('wasm', gradients(preset, images));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  }, 180_000);
});
