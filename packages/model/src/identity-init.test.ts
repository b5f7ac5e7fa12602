import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { tinySpec } from './tiny-spec.js';

const convKernels = (model: tf.LayersModel) =>
  model.layers.filter((layer) => layer.getClassName() === 'Conv2D').map((layer) => ({ name: layer.name, kernel: layer.getWeights()[0] }));

describe('identityInit', () => {
  it('turns the first min(in, out) filters of every 3x3 conv into the identity and keeps the rest', () => {
    const spec = tinySpec({ block: 'plain', stages: [{ filters: 4, blocks: 1, stride: 2, entry: 'conv-pool' }, { filters: 8, blocks: 1, stride: 2, entry: 'conv-pool' }] });
    const identity = buildModel({ ...spec, identityInit: true }, { seed: 3 });
    const random = buildModel(spec, { seed: 3 });
    const reference = convKernels(random);
    convKernels(identity).forEach(({ name, kernel }, l) => {
      const [, , inputs, outputs] = kernel.shape;
      const values = kernel.arraySync() as number[][][][];
      const original = reference[l].kernel.arraySync() as number[][][][];
      for (let y = 0; y < 3; y++) {
        for (let x = 0; x < 3; x++) {
          for (let c = 0; c < inputs; c++) {
            for (let o = 0; o < outputs; o++) {
              const expected = o < Math.min(inputs, outputs) ? (y === 1 && x === 1 && c === o ? 1 : 0) : original[y][x][c][o];
              expect(values[y][x][c][o], `${name}[${y}][${x}][${c}][${o}]`).toBe(expected);
            }
          }
        }
      }
    });
  });

  it('passes its input through a conv whose filters are all identity', () => {
    const spec = tinySpec({ block: 'plain', stages: [{ filters: 4, blocks: 1, stride: 2, entry: 'conv-pool' }] });
    const model = buildModel({ ...spec, identityInit: true }, { seed: 3 });
    const layer = model.getLayer('stage1_block1_conv1');
    const x = tf.randomNormal([2, 4, 4, 4], 0, 1, 'float32', 5);
    const y = layer.apply(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(x, y))).dataSync()[0]).toBeLessThan(1e-6);
  });
});
