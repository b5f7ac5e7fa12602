import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, loadModel, tinySpec } from '@resnet/model';
import { RUN_FILES } from '@resnet/trainer';
import { fileSystemIO, readRunConfig } from '@resnet/trainer/node';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import { writeTinyArchive } from '../test-utils/tiny-archive.js';

// In-process, so the test can read tf.memory(); the pure-JS backend keeps it to a few seconds
// on 16 images, and can be set again for each run (wasm starts once per process).
let dir: string;
let args: (epochs: number) => string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resnet-cli-memory-'));
  const archive = await writeTinyArchive(dir, 8);
  const spec = join(dir, 'tiny.json');
  await writeFile(spec, JSON.stringify(tinySpec({ inputShape: [32, 32, 3] })));
  args = (epochs) => [
    'node', 'resnet', 'train', '--model', spec, '--data', archive, '--cache-dir', join(dir, 'cache'),
    '--out', join(dir, `run-${epochs}`), '--epochs', String(epochs), '--batch-size', '8', '--limit', '16',
    '--test-limit', '8', '--backend', 'cpu',
  ];
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resnet train memory', () => {
  it('leaves tf.memory().numTensors where it was after 1 epoch and after 3', async () => {
    // Keeps the training output out of the test report; the lines are checked below.
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = tf.memory().numTensors;
    expect(await main(args(1))).toBe(0);
    const afterOne = tf.memory().numTensors;
    expect(await main(args(3))).toBe(0);
    const afterThree = tf.memory().numTensors;
    vi.restoreAllMocks();
    expect(log.mock.calls.flat()).toContain('Epoch 3/3');
    expect([afterOne, afterThree]).toEqual([before, before]);
  }, 90_000);

  it('with the airbench flags too (Lookahead, frozen BatchNorm scales, bias lr x64, linear schedule), which reach training', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const airbench = ['--optimizer', 'sgd', '--schedule', 'linear', '--min-lr', '0.007', '--freeze-bn-scale', '--bn-bias-lr-scale', '64', '--lookahead', '--lookahead-every', '2'];
    const before = tf.memory().numTensors;
    expect(await main([...args(2), ...airbench])).toBe(0);
    vi.restoreAllMocks();
    expect(tf.memory().numTensors).toBe(before);

    const runDir = join(dir, 'run-2');
    const config = await readRunConfig(runDir);
    expect(config).toMatchObject({ batchNormTraining: { trainScale: false, biasLrScale: 64 }, lookahead: { every: 2 } });
    const trained = await loadModel(fileSystemIO(join(runDir, RUN_FILES.model)));
    const initial = buildModel(config.model, { seed: config.seed, weightDecay: config.weightDecay, ...config.modelOptions });
    // tfjs numbers repeated variable names in a process: stem_bn/gamma_1.
    const values = (model: tf.LayersModel, weight: string) =>
      model.weights.filter((w) => w.name.includes(`/${weight}`)).map((w) => Array.from(w.read().dataSync()));
    const gammas = (model: tf.LayersModel) => values(model, 'gamma');
    const betas = (model: tf.LayersModel) => values(model, 'beta');
    expect(gammas(trained).length).toBeGreaterThan(0);
    expect(gammas(trained)).toEqual(gammas(initial));
    expect(betas(trained)).not.toEqual(betas(initial));
    trained.dispose();
    initial.dispose();
  }, 90_000);
});
