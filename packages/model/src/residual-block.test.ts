import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { residualBlock, type ResidualBlockOptions } from './residual-block.js';
import type { BlockKind, ShortcutKind } from './spec.js';

type Image = number[][][];

interface BlockUnderTest {
  kind: BlockKind;
  shortcut: ShortcutKind;
  filters: number;
  stride: number;
  inputShape: [number, number, number];
}

function blockModel(test: BlockUnderTest): tf.LayersModel {
  const options: ResidualBlockOptions = {
    name: 'b',
    kind: test.kind,
    filters: test.filters,
    stride: test.stride,
    shortcut: test.shortcut,
    useBias: true,
    kernelInitializer: 'glorotUniform',
    weightDecay: 0,
    batchNorm: { momentum: 0.99, epsilon: 1e-3 },
    seed: 3,
  };
  const input = tf.input({ shape: test.inputShape });
  return tf.model({ inputs: input, outputs: residualBlock(input, options) });
}

function setWeights(model: tf.LayersModel, layerName: string, make: (shape: number[], i: number) => tf.Tensor): void {
  const layer = model.getLayer(layerName);
  const weights = layer.getWeights().map((w, i) => make(w.shape, i));
  layer.setWeights(weights);
  tf.dispose(weights);
}

function zeroMainPath(model: tf.LayersModel): void {
  for (const name of ['b_conv1', 'b_conv2']) setWeights(model, name, (shape) => tf.zeros(shape));
}

function predict(model: tf.LayersModel, x: tf.Tensor4D): Image[] {
  return tf.tidy(() => (model.predict(x) as tf.Tensor4D).arraySync());
}

function maxAbsDiff(a: Image[], b: Image[]): number {
  const flatA = a.flat(3);
  const flatB = b.flat(3);
  expect(flatA.length).toBe(flatB.length);
  return Math.max(...flatA.map((v, i) => Math.abs(v - flatB[i])));
}

const relu = (images: Image[]): Image[] => images.map((im) => im.map((row) => row.map((px) => px.map((v) => Math.max(0, v)))));

// Plain-JS references, independent of the layers under test.
function subsample(images: Image[], stride: number): Image[] {
  return images.map((im) => im.filter((_, r) => r % stride === 0).map((row) => row.filter((_, c) => c % stride === 0)));
}

function zeroPad(images: Image[], stride: number, filters: number): Image[] {
  return subsample(images, stride).map((im) =>
    im.map((row) => row.map((px) => [...px, ...new Array<number>(filters - px.length).fill(0)])),
  );
}

function projection(model: tf.LayersModel, images: Image[], stride: number): Image[] {
  const [kernel, bias] = model.getLayer('b_shortcut_conv').getWeights().map((w) => w.arraySync()) as [number[][][][], number[]];
  const [gamma, beta, mean, variance] = model
    .getLayer('b_shortcut_bn')
    .getWeights()
    .map((w) => w.arraySync() as number[]);
  const epsilon = 1e-3;
  return subsample(images, stride).map((im) =>
    im.map((row) =>
      row.map((px) =>
        bias.map((b, o) => {
          const conv = px.reduce((sum, v, c) => sum + v * kernel[0][0][c][o], b);
          return (gamma[o] * (conv - mean[o])) / Math.sqrt(variance[o] + epsilon) + beta[o];
        }),
      ),
    ),
  );
}

describe('residualBlock with zeroed main-path weights returns ReLU(shortcut)', () => {
  let x: tf.Tensor4D;
  let images: Image[];
  beforeAll(() => {
    x = tf.randomNormal([2, 6, 6, 4], 0, 1, 'float32', 11);
    images = x.arraySync();
  });

  it('identity shortcut', () => {
    const model = blockModel({ kind: 'basic', shortcut: 'projection', filters: 4, stride: 1, inputShape: [6, 6, 4] });
    expect(maxAbsDiff(predict(model, x), relu(images))).toBeGreaterThan(0.1);
    zeroMainPath(model);
    expect(maxAbsDiff(predict(model, x), relu(images))).toBeLessThan(1e-5);
    model.dispose();
  });

  it('projection shortcut (option B): 1x1 conv + BN, with non-trivial BN statistics', () => {
    const model = blockModel({ kind: 'basic', shortcut: 'projection', filters: 8, stride: 2, inputShape: [6, 6, 4] });
    setWeights(model, 'b_shortcut_bn', (shape, i) => tf.randomUniform(shape, 0.5, 1.5, 'float32', 20 + i));
    expect(maxAbsDiff(predict(model, x), relu(projection(model, images, 2)))).toBeGreaterThan(0.1);
    zeroMainPath(model);
    expect(maxAbsDiff(predict(model, x), relu(projection(model, images, 2)))).toBeLessThan(1e-4);
    model.dispose();
  });

  it('zero-pad shortcut (option A)', () => {
    const model = blockModel({ kind: 'basic', shortcut: 'zero-pad', filters: 8, stride: 2, inputShape: [6, 6, 4] });
    expect(maxAbsDiff(predict(model, x), relu(zeroPad(images, 2, 8)))).toBeGreaterThan(0.1);
    zeroMainPath(model);
    expect(maxAbsDiff(predict(model, x), relu(zeroPad(images, 2, 8)))).toBeLessThan(1e-6);
    model.dispose();
  });

  it('a pre-activation block has no final ReLU: it returns the identity shortcut itself', () => {
    const model = blockModel({ kind: 'preact', shortcut: 'projection', filters: 4, stride: 1, inputShape: [6, 6, 4] });
    zeroMainPath(model);
    expect(maxAbsDiff(predict(model, x), images)).toBeLessThan(1e-6);
    model.dispose();
  });
});

describe('residualBlock shapes at stride 2', () => {
  const cases: [BlockKind, ShortcutKind][] = [
    ['basic', 'zero-pad'],
    ['basic', 'projection'],
    ['preact', 'zero-pad'],
    ['preact', 'projection'],
  ];

  it.each(cases)('%s block, %s shortcut: [2,8,8,4] -> [2,4,4,8] and [2,7,7,4] -> [2,4,4,8]', (kind, shortcut) => {
    for (const size of [8, 7]) {
      const model = blockModel({ kind, shortcut, filters: 8, stride: 2, inputShape: [size, size, 4] });
      expect(model.outputs[0].shape).toEqual([null, 4, 4, 8]);
      const shape = tf.tidy(() => (model.predict(tf.ones([2, size, size, 4])) as tf.Tensor).shape);
      expect(shape).toEqual([2, 4, 4, 8]);
      model.dispose();
    }
  });

  it('option A adds no parameters; option B adds a 1x1 conv (+ BN in basic blocks)', () => {
    const count = (kind: BlockKind, shortcut: ShortcutKind) => {
      const model = blockModel({ kind, shortcut, filters: 8, stride: 2, inputShape: [8, 8, 4] });
      const n = model.countParams();
      model.dispose();
      return n;
    };
    expect(count('basic', 'projection') - count('basic', 'zero-pad')).toBe(4 * 8 + 8 + 4 * 8);
    expect(count('preact', 'projection') - count('preact', 'zero-pad')).toBe(4 * 8 + 8);
  });
});
