import { buildModel, getPreset, modelLogits, type NetworkSpec, type PresetName } from '@resnet/model';
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
 * airbench needs its 32x32: its 2x2 stem and three poolings round odd sizes down (31, 15, 7, 3),
 * which no other preset does, and 16x16 would leave its last BatchNorm one value per channel; at
 * an eighth of its width the cpu reference takes seconds, not a minute.
 */
const airbenchEighth: NetworkSpec = {
  ...getPreset('airbench'),
  stages: getPreset('airbench').stages.map((stage) => ({ ...stage, filters: stage.filters / 8 })),
};

function gradients(preset: PresetName | NetworkSpec, images: number, size: number): () => tf.Tensor {
  return () => {
    const model = buildModel(preset, { seed: 7, inputShape: [size, size, 3] });
    try {
      const x = tf.tensor4d(values(images * size * size * 3, 1), [images, size, size, 3]);
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
  it.each<[string, number, number, PresetName | NetworkSpec]>([
    // simple's one stride-2 stage leaves 4x4 per image at side 8: 32 values per channel.
    ['simple', 2, 8, 'simple'],
    ['resnet20', 2, 16, 'resnet20'],
    ['preact-resnet18', 2, 16, 'preact-resnet18'],
    ['resnet9-half', 4, 16, 'resnet9-half'],
    ['airbench at an eighth of its width', 4, 32, airbenchEighth],
  ])('%s, %i images of side %i', async (_name, images, size, preset) => {
    await setUpWasm();
    const cpu = await runOn('cpu', gradients(preset, images, size));
    const wasm = await runOn('wasm', gradients(preset, images, size));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  }, 180_000);
});
