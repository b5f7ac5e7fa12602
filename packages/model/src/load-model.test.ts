import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { loadModel } from './load-model.js';
import type { NetworkSpec } from './spec.js';
import { tinySpec } from './tiny-spec.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('the save handler was not called');
  return saved;
}

/** Random positive values everywhere, so BN statistics and biases are not their defaults. */
function randomizeWeights(model: tf.LayersModel): void {
  const weights = model.getWeights().map((w, i) => tf.randomUniform(w.shape, 0.5, 1.5, 'float32', i));
  model.setWeights(weights);
  tf.dispose(weights);
}

describe('save and loadModel round trip (tfjs layers JSON + weights)', () => {
  it.each<[string, NetworkSpec]>([
    ['option A (custom ZeroPadShortcut layer)', tinySpec({ weightDecay: 1e-4 })],
    ['option B', tinySpec({ shortcut: 'projection' })],
    ['pre-activation', tinySpec({ block: 'preact', head: { batchNormRelu: true } })],
  ])('%s predicts the same outputs after loading', async (_, spec) => {
    const model = buildModel(spec, { seed: 5 });
    randomizeWeights(model);
    const artifacts = await saveToMemory(model);
    const loaded = await loadModel(tf.io.fromMemory(artifacts));

    expect(loaded.layers.map((l) => [l.name, l.getClassName()])).toEqual(model.layers.map((l) => [l.name, l.getClassName()]));
    expect(loaded.countParams()).toBe(model.countParams());
    const lossCount = (m: tf.LayersModel) => tf.tidy(() => m.calculateLosses().length);
    expect(lossCount(loaded)).toBe(lossCount(model));
    const x = tf.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 9);
    const [expected, actual] = [model, loaded].map((m) => (m.predict(x) as tf.Tensor).arraySync());
    expect(actual).toEqual(expected);

    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('writes the custom layer under the package namespace with its config', async () => {
    const model = buildModel(tinySpec());
    const topology = JSON.stringify((await saveToMemory(model)).modelTopology);
    expect(topology).toContain('"class_name":"resnet>ZeroPadShortcut"');
    expect(topology).toMatch(/"stride":2,"filters":8/);
    model.dispose();
  });

  it('loads a model saved before the namespace, under the bare class name, with the same outputs', async () => {
    const model = buildModel(tinySpec(), { seed: 2 });
    const artifacts = await saveToMemory(model);
    const legacy = { ...artifacts, modelTopology: JSON.parse(JSON.stringify(artifacts.modelTopology).replaceAll('resnet>ZeroPadShortcut', 'ZeroPadShortcut')) };
    expect(JSON.stringify(legacy.modelTopology)).toContain('"class_name":"ZeroPadShortcut"');
    const loaded = await loadModel(tf.io.fromMemory(legacy));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 3);
    expect(await (loaded.predict(x) as tf.Tensor).data()).toEqual(await (model.predict(x) as tf.Tensor).data());
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });
});
