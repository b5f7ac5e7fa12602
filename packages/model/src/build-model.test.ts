import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { ZeroPadShortcut } from './zero-pad-shortcut.js';
import { countParams } from './count-params.js';
import { tinySpec } from './tiny-spec.js';

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('buildModel', () => {
  it.each([
    ['basic, option A', tinySpec()],
    ['basic, option B', tinySpec({ shortcut: 'projection' })],
    ['conv-pool stages', tinySpec({ stages: [{ filters: 4, blocks: 1, stride: 2, entry: 'conv-pool' }, { filters: 8, blocks: 0, stride: 2, entry: 'conv-pool' }] })],
    ['pre-activation', tinySpec({ block: 'preact', head: { batchNormRelu: true }, stem: { filters: 4, kernelSize: 3, stride: 1, batchNormRelu: false } })],
  ])('%s: outputs [N, classes] probabilities whose rows sum to 1', (_, spec) => {
    const model = buildModel(spec, { seed: 1, numClasses: 5 });
    const x = tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 2);
    const probs = model.predict(x) as tf.Tensor2D;
    expect(probs.shape).toEqual([3, 5]);
    for (const row of probs.arraySync()) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      for (const p of row) expect(p).toBeGreaterThan(0);
    }
    tf.dispose([x, probs]);
    model.dispose();
  });

  it('the same seed gives the same initial weights; another seed gives others', () => {
    const a = buildModel(tinySpec(), { seed: 42 });
    const b = buildModel(tinySpec(), { seed: 42 });
    const c = buildModel(tinySpec(), { seed: 43 });
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)).not.toEqual(weightsOf(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('seeds each layer differently: same-shaped kernels in one model differ', () => {
    const model = buildModel(tinySpec(), { seed: 42 });
    const kernel = (name: string) => Array.from(model.getLayer(name).getWeights()[0].dataSync());
    expect(kernel('stage1_block1_conv1')).not.toEqual(kernel('stage1_block1_conv2'));
    model.dispose();
  });

  it('accepts a preset name and applies the overrides', () => {
    const model = buildModel('resnet20', { inputShape: [8, 8, 3], numClasses: 3, shortcut: 'projection', weightDecay: 0 });
    expect(model.inputs[0].shape).toEqual([null, 8, 8, 3]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    expect(model.layers.map((l) => l.name)).toContain('stage2_block1_shortcut_conv');
    expect(model.layers.some((l) => l.getClassName() === ZeroPadShortcut.className)).toBe(false);
    expect(model.calculateLosses()).toEqual([]);
    model.dispose();
  });

  it('puts L2 regularizers on every kernel when weight decay is on', () => {
    const model = buildModel(tinySpec({ weightDecay: 1e-4 }));
    const kernels = model.weights.filter((w) => w.originalName.endsWith('/kernel'));
    const losses = model.calculateLosses();
    expect(kernels.length).toBe(6);
    expect(losses.length).toBe(kernels.length);
    tf.dispose(losses);
    model.dispose();
  });

  it('a conv-pool stage is conv, max-pool, BN, ReLU, then its blocks at the pooled size', () => {
    const model = buildModel('resnet9-half');
    const names = model.layers.map((l) => l.name);
    const stage1 = names.slice(names.indexOf('stage1_conv'), names.indexOf('stage1_block1_conv1'));
    expect(stage1).toEqual(['stage1_conv', 'stage1_pool', 'stage1_bn', 'stage1_relu']);
    expect(model.getLayer('stage1_relu').outputShape).toEqual([null, 16, 16, 64]);
    expect(model.getLayer('stage1_block1_add').outputShape).toEqual([null, 16, 16, 64]);
    expect(names.some((n) => n.startsWith('stage2_block'))).toBe(false);
    expect(model.getLayer('stage3_block1_out').outputShape).toEqual([null, 4, 4, 256]);
    model.dispose();
  });

  it('the tiny spec is small, with both kinds of block transition', () => {
    const model = buildModel(tinySpec());
    expect(countParams(model).total).toBeLessThan(2_000);
    expect(model.getLayer('stage2_block1_shortcut_pad').getClassName()).toBe('resnet>ZeroPadShortcut');
    model.dispose();
  });

  it('leaves no tensors behind after building and predicting inside tf.tidy, then dispose', () => {
    const before = tf.memory().numTensors;
    let model: tf.LayersModel | undefined;
    tf.tidy(() => {
      model = buildModel(tinySpec({ weightDecay: 1e-4 }), { seed: 1 });
      model.predict(tf.ones([2, 8, 8, 3]));
    });
    const withModel = tf.memory().numTensors;
    expect(withModel - before).toBe(model!.weights.length);
    tf.tidy(() => {
      model!.predict(tf.ones([2, 8, 8, 3]));
    });
    expect(tf.memory().numTensors).toBe(withModel);
    model!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('overrides BatchNorm settings and the head without rewriting the spec', () => {
    const model = buildModel('simple', { batchNorm: { momentum: 0.9 }, head: 'logits' });
    const norms = model.layers.filter((l) => l.getClassName() === 'BatchNormalization').map((l) => l.getConfig());
    expect(norms.length).toBe(10);
    expect(norms.every((c) => c.momentum === 0.9 && c.epsilon === 1e-3)).toBe(true);
    expect(model.getLayer('classifier').getConfig().activation).toBe('linear');
    expect(buildModel('simple').getLayer('classifier').getConfig().activation).toBe('softmax');
  });
});
