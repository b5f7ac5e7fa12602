import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunConfig } from '../run/run-config.js';
import { readRunConfig, writeRunConfig } from './run-config-file.js';

const config: RunConfig = {
  version: 1,
  model: 'simple',
  modelOptions: { batchNorm: { momentum: 0.9 } },
  inputShape: [32, 32, 3],
  classNames: ['a', 'b'],
  normalization: 'standardize',
  augment: { padding: 2, paddingMode: 'reflect', flip: 'alternate' },
  epochs: 10,
  batchSize: 64,
  optimizer: { name: 'adam', lr: 0.001 },
  schedule: { name: 'constant' },
  weightDecay: 0,
  labelSmoothing: 0,
  seed: 1,
  limit: null,
  valSplit: 5000,
  testLimit: 500,
  patience: null,
  flipTta: false,
  batchNormStatistics: { mode: 'auto', batches: 16 },
  batchNormTraining: { trainScale: true, biasLrScale: 1 },
  lookahead: null,
  lowRes: null,
  whiteningEpsilon: 5e-4,
  data: 'cifar.tar.gz',
};

describe('run config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips and leaves no temp file behind', async () => {
    await writeRunConfig(dir, config);
    expect(await readRunConfig(dir)).toEqual(config);
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('names the file when it is missing', async () => {
    await expect(readRunConfig(dir)).rejects.toThrow(`${join(dir, 'config.json')}: cannot read the run's config (not found)`);
  });

  it('names the field that is wrong', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, normalization: 'zscore' }));
    await expect(readRunConfig(dir)).rejects.toThrow(`${join(dir, 'config.json')}: "normalization" must be "scale" or "standardize" (got "zscore")`);
  });
});
