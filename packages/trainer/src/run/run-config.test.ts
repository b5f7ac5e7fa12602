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
  batchNormTraining: { trainScale: false, biasLrScale: 64 },
  lookahead: { every: 5, decay: 0.95 ** 5, power: 3 },
  lowRes: { size: 20, fraction: 0.5 },
  whiteningEpsilon: 5e-3,
  data: null,
};
const text = (patch: object) => JSON.stringify({ ...config, ...patch });

describe('parseRunConfig', () => {
  it('reads back what was written', () => {
    expect(parseRunConfig(JSON.stringify(config), 'config.json')).toEqual(config);
  });

  it('reads a config.json from before valSplit, modelOptions, batchNormStatistics, batchNormTraining, lookahead, lowRes and whiteningEpsilon, as trained then', () => {
    const { valSplit: _v, modelOptions: _m, batchNormStatistics: _b, batchNormTraining: _t, lookahead: _l, lowRes: _r, whiteningEpsilon: _w, ...legacy } = config;
    expect(parseRunConfig(JSON.stringify(legacy), 'old/config.json')).toEqual({
      ...config,
      valSplit: null,
      modelOptions: {},
      batchNormStatistics: { mode: 'moving' },
      batchNormTraining: { trainScale: true, biasLrScale: 1 },
      lookahead: null,
      lowRes: null,
      whiteningEpsilon: 5e-4,
    });
  });

  it('reads back a linear schedule with its minLr and warm-up start, and no Lookahead', () => {
    const schedule = { name: 'linear', minLr: 0.007, warmupEpochs: 2.3, warmupStart: 0.2 };
    expect(parseRunConfig(text({ schedule, lookahead: null }), 'config.json')).toMatchObject({ schedule, lookahead: null });
  });

  it('reads augment options back, fills in their defaults, and reads an older `true` as the defaults', () => {
    const airbench = { padding: 2, paddingMode: 'reflect', flip: 'alternate' } as const;
    expect(parseRunConfig(text({ augment: airbench }), 'config.json').augment).toEqual(airbench);
    expect(parseRunConfig(text({ augment: { flip: 'none' } }), 'config.json').augment).toEqual({ padding: 4, paddingMode: 'zero', flip: 'none' });
    expect(parseRunConfig(text({ augment: true }), 'old/config.json').augment).toEqual({ padding: 4, paddingMode: 'zero', flip: 'random' });
  });

  it.each([
    [{ version: 2 }, '"version" must be 1 (got 2)'],
    [{ model: 'resnet18' }, '"model" must be a preset name or a network spec (got "resnet18")'],
    [{ model: { name: 'x' } }, '"model": Invalid network spec "x": inputShape must be'],
    [{ inputShape: [32, 32] }, '"inputShape" must be [height, width, channels]'],
    [{ classNames: ['one'] }, '"classNames" must be an array of at least 2 strings'],
    [{ normalization: 'zscore' }, '"normalization" must be "scale" or "standardize" (got "zscore")'],
    [{ augment: 'yes' }, '"augment" must be false, true or { padding?, paddingMode?: "zero" | "reflect", flip?: "random" | "alternate" | "none" } (got "yes")'],
    [{ augment: null }, '"augment" must be false, true or {'],
    [{ augment: { flip: true } }, `"augment": augment flip must be 'random', 'alternate' or 'none', got true`],
    [{ augment: { padding: -1 } }, '"augment": augment padding must be a non-negative integer, got -1'],
    [{ augment: { padding: 32, paddingMode: 'reflect' } }, '"augment": reflect padding 32 must be smaller than the image (32x32)'],
    [{ augment: { crop: 4 } }, `"augment": augment has unknown option 'crop'`],
    [{ epochs: 0 }, '"epochs" must be a whole number >= 1 (got 0)'],
    [{ optimizer: { name: 'rmsprop', lr: 1 } }, '"optimizer" must be { name: "adam" | "sgd" | "muon", lr > 0, ... }'],
    [{ optimizer: { name: 'muon', lr: 0.1 } }, '"optimizer.muonLr" must be a number > 0 with muon'],
    [{ schedule: { name: 'exponential' } }, '"schedule" must be { name: "constant" | "step" | "cosine" | "linear" | "one-cycle", ... }'],
    [{ schedule: { name: 'cosine', minLr: 0.2 } }, '"schedule.minLr" must be a number in [0, optimizer.lr] (got {"name":"cosine","minLr":0.2})'],
    [{ schedule: { name: 'linear', warmupEpochs: 1, warmupStart: -0.2 } }, '"schedule.warmupStart" must be a number in [0, 1) (got {"name":"linear","warmupEpochs":1,"warmupStart":-0.2})'],
    [{ batchNormTraining: { trainScale: 'no', biasLrScale: 1 } }, '"batchNormTraining" must be { trainScale: true or false, biasLrScale: a number > 0 }'],
    [{ batchNormTraining: { trainScale: true, biasLrScale: 0 } }, '"batchNormTraining" must be { trainScale: true or false, biasLrScale: a number > 0 }'],
    [{ optimizer: { name: 'adam', lr: 1e-3 } }, '"batchNormTraining.biasLrScale" must be 1 with adam'],
    [{ lookahead: { every: 0 } }, '"lookahead" must be null or { every?: a whole number >= 1, decay?: a number in [0, 1], power?: a number >= 0 } (got {"every":0})'],
    [{ lookahead: { decay: 2 } }, '"lookahead" must be null or {'],
    [{ lookahead: true }, '"lookahead" must be null or {'],
    [{ lowRes: { size: 32, fraction: 0.5 } }, '"lowRes" must be null or { size: a whole number >= 1 below the input size, fraction: a number in (0, 1] } (got {"size":32,"fraction":0.5})'],
    [{ lowRes: { size: 20, fraction: 0 } }, '"lowRes" must be null or {'],
    [{ lowRes: 20 }, '"lowRes" must be null or {'],
    [{ whiteningEpsilon: -1 }, '"whiteningEpsilon" must be a number >= 0 (got -1)'],
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
