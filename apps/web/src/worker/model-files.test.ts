// @vitest-environment jsdom
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '@resnet/trainer';
import { downloadFiles, sortModelFiles } from './model-files.js';

function file(name: string, content = '{}'): File {
  return new File([content], name);
}

describe('sortModelFiles', () => {
  it('finds topology and weights whatever the order', () => {
    const sorted = sortModelFiles([file('weights.bin'), file('model.json')]);
    expect([sorted.modelJson.name, sorted.weights.map((f) => f.name)]).toEqual(['model.json', ['weights.bin']]);
  });

  it('says which files are missing', () => {
    expect(() => sortModelFiles([file('weights.bin')])).toThrow('missing: model.json');
    expect(() => sortModelFiles([file('model.json')])).toThrow('missing: a weights .bin file');
  });
});

const config = { version: 1, model: 'simple', normalization: 'scale' } as unknown as RunConfig;

describe('downloadFiles', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('writes files that tfjs loads back into the same model', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] });
    const files = await downloadFiles(model, config, '<svg></svg>');
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'config.json', 'plot.svg']);
    const [json, weights] = files.map((f) => new File([f.data], f.name));
    const loaded = await tf.loadLayersModel(tf.io.browserFiles([json, weights]));
    const input = tf.tensor2d([[0.5, -1]]);
    const expected = model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(Array.from(await actual.data())).toEqual(Array.from(await expected.data()));
    expect(JSON.parse(new TextDecoder().decode(files[2].data))).toEqual(config);
    expect(new TextDecoder().decode(files[3].data)).toBe('<svg></svg>');
    tf.dispose([input, expected, actual]);
    model.dispose();
    loaded.dispose();
  });
});
