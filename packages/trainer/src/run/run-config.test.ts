import { describe, expect, it } from 'vitest';
import { parseRunConfig, type RunConfig } from './run-config.js';

const config: RunConfig = {
  version: 1,
  model: 'resnet20',
  modelOptions: { shortcut: 'projection' },
  inputShape: [32, 32, 3],
  classNames: ['cat', 'dog'],
  normalization: 'scale',
  augment: false,
  epochs: 2,
  batchSize: 64,
  optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true },
  schedule: { name: 'one-cycle' },
  weightDecay: 5e-5,
  labelSmoothing: 0.1,
  seed: 0,
  limit: 2000,
  valSplit: null,
  testLimit: null,
  patience: 3,
  flipTta: true,
  batchNormStatistics: { mode: 'recompute' },
  data: null,
};
const text = (patch: object) => JSON.stringify({ ...config, ...patch });

describe('parseRunConfig', () => {
  it('reads back what was written', () => {
    expect(parseRunConfig(JSON.stringify(config), 'config.json')).toEqual(config);
  });

  it('reads a config.json from before valSplit, modelOptions and batchNormStatistics, as trained then', () => {
    const { valSplit: _v, modelOptions: _m, batchNormStatistics: _b, ...legacy } = config;
    expect(parseRunConfig(JSON.stringify(legacy), 'old/config.json')).toEqual({ ...config, valSplit: null, modelOptions: {}, batchNormStatistics: { mode: 'moving' } });
  });

  it.each([
    [{ version: 2 }, '"version" must be 1 (got 2)'],
    [{ model: 'resnet18' }, '"model" must be a preset name or a network spec (got "resnet18")'],
    [{ model: { name: 'x' } }, '"model": Invalid network spec "x": inputShape must be'],
    [{ inputShape: [32, 32] }, '"inputShape" must be [height, width, channels]'],
    [{ classNames: ['one'] }, '"classNames" must be an array of at least 2 strings'],
    [{ normalization: 'zscore' }, '"normalization" must be "scale" or "standardize" (got "zscore")'],
    [{ epochs: 0 }, '"epochs" must be a whole number >= 1 (got 0)'],
    [{ optimizer: { name: 'rmsprop', lr: 1 } }, '"optimizer" must be { name: "adam" | "sgd", lr > 0, ... }'],
    [{ schedule: { name: 'linear' } }, '"schedule" must be'],
    [{ labelSmoothing: 1 }, '"labelSmoothing" must be a number in [0, 1)'],
    [{ valSplit: 0 }, '"valSplit" must be a whole number >= 1 or null (got 0)'],
    [{ batchNormStatistics: { mode: 'sometimes' } }, '"batchNormStatistics" must be { mode: "auto" | "moving" | "recompute"'],
    [{ data: 3 }, '"data" must be a path, a URL or null (got 3)'],
  ])('names the file and the field of %j', (patch, message) => {
    expect(() => parseRunConfig(text(patch), 'runs/a/config.json')).toThrow(`runs/a/config.json: ${message}`);
  });

  it('rejects text that is not a JSON object', () => {
    expect(() => parseRunConfig('nope', 'config.json')).toThrow('config.json: not JSON');
    expect(() => parseRunConfig('[1]', 'config.json')).toThrow('config.json: expected a JSON object');
  });
});
