import { resolveAugment, type AugmentOptions, type Normalization } from '@resnet/data';
import { isPresetName, validateSpec, WHITENING_EPSILON, type BatchNormSpec, type HeadKind, type NetworkSpec, type PresetName, type ShortcutKind } from '@resnet/model';
import type { BatchNormStatisticsOptions } from '../batch-norm-statistics.js';
import type { BatchNormTrainingOptions } from '../batch-norm-training.js';
import type { LookaheadOptions } from '../lookahead.js';
import type { LowResOptions } from '../low-res.js';
import type { OptimizerConfig } from '../optimizer.js';
import type { ScheduleConfig } from '../schedule.js';

/** Overrides of the network's spec, passed to `buildModel` with the seed and weight decay. */
export interface ModelOptions {
  shortcut?: ShortcutKind;
  batchNorm?: Partial<BatchNormSpec>;
  head?: HeadKind;
}

/**
 * A run's `config.json`, written by the CLI and the web app alike: the recipe, and the data
 * facts inference needs (`normalization`, `inputShape`, `classNames`), so images are prepared
 * exactly as in training wherever the model goes.
 */
export interface RunConfig {
  version: 1;
  model: PresetName | NetworkSpec;
  modelOptions: ModelOptions;
  inputShape: [number, number, number];
  classNames: string[];
  normalization: Normalization;
  /** Crop and flip, or false for none. Read back with every field filled in; `true` in older files means the defaults. */
  augment: false | AugmentOptions;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerConfig;
  schedule: ScheduleConfig;
  weightDecay: number;
  labelSmoothing: number;
  /** `FitOptions.whiteningEpsilon`; used only by models with a whitening stem. */
  whiteningEpsilon: number;
  seed: number;
  /** First N training images, or null for all. */
  limit: number | null;
  /** The last N training images held out for validation, or null to validate on the test split. */
  valSplit: number | null;
  /** First N test images, for the final report (and validation without valSplit), or null for all. */
  testLimit: number | null;
  patience: number | null;
  flipTta: boolean;
  batchNormStatistics: BatchNormStatisticsOptions;
  /** `FitOptions.batchNorm`: BatchNorm scales trained or frozen, and the factor on the biases' learning rate. */
  batchNormTraining: Required<BatchNormTrainingOptions>;
  /** `FitOptions.lookahead`, or null for none. */
  lookahead: LookaheadOptions | null;
  /** `FitOptions.lowRes` (progressive resizing), or null for none. */
  lowRes: LowResOptions | null;
  /** Where the data came from: a local path, a URL, or null for the official download. */
  data: string | null;
}

/** config.json written before `modelOptions`, `valSplit`, `batchNormStatistics`, `batchNormTraining`, `lookahead`, `lowRes` and `whiteningEpsilon` existed. */
const LEGACY_DEFAULTS: Pick<RunConfig, 'modelOptions' | 'valSplit' | 'batchNormStatistics' | 'batchNormTraining' | 'lookahead' | 'lowRes' | 'whiteningEpsilon'> = {
  modelOptions: {},
  valSplit: null,
  batchNormStatistics: { mode: 'moving' },
  batchNormTraining: { trainScale: true, biasLrScale: 1 },
  lookahead: null,
  lowRes: null,
  whiteningEpsilon: WHITENING_EPSILON,
};

/** Parses and checks a config.json; errors name `source` and the field. */
export function parseRunConfig(text: string, source: string): RunConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${source}: expected a JSON object`);
  const config = { ...LEGACY_DEFAULTS, ...json } as RunConfig;
  const fail = (field: string, expected: string): never => {
    const got = JSON.stringify((config as unknown as Record<string, unknown>)[field.split('.')[0]]);
    throw new Error(`${source}: "${field}" must be ${expected} (got ${got}); is this a config.json written by resnet?`);
  };
  const whole = (field: keyof RunConfig, min: number, nullable = false) => {
    const value = config[field];
    if (!((nullable && value === null) || (Number.isInteger(value) && (value as number) >= min))) {
      fail(field, `a whole number >= ${min}${nullable ? ' or null' : ''}`);
    }
  };
  const number = (field: keyof RunConfig, min: number) => {
    const value = config[field];
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= min)) fail(field, `a number >= ${min}`);
  };
  const boolean = (field: keyof RunConfig) => {
    if (typeof config[field] !== 'boolean') fail(field, 'true or false');
  };
  /** An optional nested field: absent, or a number that passes `ok`. */
  const optionalNumber = (value: unknown, ok: (n: number) => boolean) => value === undefined || (typeof value === 'number' && ok(value));

  if (config.version !== 1) fail('version', '1');
  if (typeof config.model === 'string') {
    if (!isPresetName(config.model)) fail('model', 'a preset name or a network spec');
  } else {
    try {
      validateSpec(config.model);
    } catch (error) {
      throw new Error(`${source}: "model": ${(error as Error).message}`);
    }
  }
  if (typeof config.modelOptions !== 'object' || config.modelOptions === null) fail('modelOptions', 'an object');
  const shape = config.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    fail('inputShape', '[height, width, channels]');
  }
  if (!Array.isArray(config.classNames) || config.classNames.length < 2 || !config.classNames.every((n) => typeof n === 'string')) {
    fail('classNames', 'an array of at least 2 strings');
  }
  if (config.normalization !== 'scale' && config.normalization !== 'standardize') fail('normalization', '"scale" or "standardize"');
  const augment: unknown = config.augment;
  if (augment !== false) {
    if (augment !== true && (typeof augment !== 'object' || augment === null || Array.isArray(augment))) {
      fail('augment', 'false, true or { padding?, paddingMode?: "zero" | "reflect", flip?: "random" | "alternate" | "none" }');
    }
    try {
      config.augment = resolveAugment(augment === true ? {} : (augment as AugmentOptions), { height: shape[0], width: shape[1], channels: shape[2] });
    } catch (error) {
      throw new Error(`${source}: "augment": ${(error as Error).message}`);
    }
  }
  whole('epochs', 1);
  whole('batchSize', 1);
  if (!['adam', 'sgd', 'muon'].includes(config.optimizer?.name) || !(config.optimizer.lr > 0)) fail('optimizer', '{ name: "adam" | "sgd" | "muon", lr > 0, ... }');
  if (config.optimizer.name === 'muon' && !(config.optimizer.muonLr > 0)) fail('optimizer.muonLr', 'a number > 0 with muon');
  if (!['constant', 'step', 'cosine', 'linear', 'one-cycle'].includes(config.schedule?.name)) fail('schedule', '{ name: "constant" | "step" | "cosine" | "linear" | "one-cycle", ... }');
  if (!optionalNumber((config.schedule as { minLr?: unknown }).minLr, (n) => n >= 0 && n <= config.optimizer.lr)) fail('schedule.minLr', 'a number in [0, optimizer.lr]');
  if (!optionalNumber(config.schedule.warmupStart, (n) => n >= 0 && n < 1)) fail('schedule.warmupStart', 'a number in [0, 1)');
  number('weightDecay', 0);
  if (!(config.labelSmoothing >= 0 && config.labelSmoothing < 1)) fail('labelSmoothing', 'a number in [0, 1)');
  number('whiteningEpsilon', 0);
  whole('seed', 0);
  whole('limit', 1, true);
  whole('valSplit', 1, true);
  whole('testLimit', 1, true);
  whole('patience', 1, true);
  boolean('flipTta');
  const statistics = config.batchNormStatistics;
  if (!['auto', 'moving', 'recompute'].includes(statistics?.mode) || !(statistics.batches === undefined || (Number.isInteger(statistics.batches) && statistics.batches >= 1))) {
    fail('batchNormStatistics', '{ mode: "auto" | "moving" | "recompute", batches?: a whole number >= 1 }');
  }
  const training = config.batchNormTraining;
  if (typeof training?.trainScale !== 'boolean' || !(typeof training.biasLrScale === 'number' && Number.isFinite(training.biasLrScale) && training.biasLrScale > 0)) {
    fail('batchNormTraining', '{ trainScale: true or false, biasLrScale: a number > 0 }');
  }
  if (training.biasLrScale !== 1 && config.optimizer.name === 'adam') fail('batchNormTraining.biasLrScale', '1 with adam, whose steps ignore a gradient\'s scale');
  const lookahead = config.lookahead;
  if (
    lookahead !== null &&
    !(
      typeof lookahead === 'object' &&
      optionalNumber(lookahead.every, (n) => Number.isInteger(n) && n >= 1) &&
      optionalNumber(lookahead.decay, (n) => n >= 0 && n <= 1) &&
      optionalNumber(lookahead.power, (n) => Number.isFinite(n) && n >= 0)
    )
  ) {
    fail('lookahead', 'null or { every?: a whole number >= 1, decay?: a number in [0, 1], power?: a number >= 0 }');
  }
  const lowRes = config.lowRes;
  if (
    lowRes !== null &&
    !(
      typeof lowRes === 'object' &&
      Number.isInteger(lowRes.size) &&
      lowRes.size >= 1 &&
      lowRes.size < Math.min(config.inputShape[0], config.inputShape[1]) &&
      typeof lowRes.fraction === 'number' &&
      lowRes.fraction > 0 &&
      lowRes.fraction <= 1
    )
  ) {
    fail('lowRes', 'null or { size: a whole number >= 1 below the input size, fraction: a number in (0, 1] }');
  }
  if (!(config.data === null || typeof config.data === 'string')) fail('data', 'a path, a URL or null');
  return config;
}
