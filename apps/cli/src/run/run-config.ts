import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Normalization } from '@resnet/data';
import type { NetworkSpec, PresetName } from '@resnet/model';
import type { OptimizerConfig, ScheduleConfig } from '@resnet/trainer';
import { writeFileAtomically } from '@resnet/trainer/node';

export const CONFIG_FILE = 'config.json';

/**
 * Everything a run was trained with. `eval` and `predict` read `normalization`, `inputShape`
 * and `classNames` back, so inputs are prepared exactly as in training; `--resume` reads the rest.
 */
export interface RunConfig {
  version: 1;
  model: PresetName | NetworkSpec;
  inputShape: [number, number, number];
  classNames: string[];
  normalization: Normalization;
  augment: boolean;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerConfig;
  schedule: ScheduleConfig;
  weightDecay: number;
  labelSmoothing: number;
  seed: number;
  /** First N training images, or null for all. */
  limit: number | null;
  /** First N test images, for validation and the final report, or null for all. */
  testLimit: number | null;
  patience: number | null;
  flipTta: boolean;
  /** The --data given, or null for the official download. */
  data: string | null;
}

export async function writeRunConfig(dir: string, config: RunConfig): Promise<void> {
  await writeFileAtomically(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

function invalid(path: string, field: string, expected: string): Error {
  return new Error(`${path}: "${field}" must be ${expected}; is this a config.json written by "resnet train"?`);
}

/** Reads a run's config.json, checking the fields that inference depends on. */
export async function readRunConfig(dir: string): Promise<RunConfig> {
  const path = join(dir, CONFIG_FILE);
  let config: RunConfig;
  try {
    config = JSON.parse(await readFile(path, 'utf8')) as RunConfig;
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    throw new Error(`${path}: cannot read the run's config (${reason}).`);
  }
  if (config === null || typeof config !== 'object') throw invalid(path, '(root)', 'an object');
  if (config.version !== 1) throw invalid(path, 'version', '1');
  if (config.normalization !== 'scale' && config.normalization !== 'standardize') {
    throw invalid(path, 'normalization', '"scale" or "standardize"');
  }
  const shape = config.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw invalid(path, 'inputShape', '[height, width, channels]');
  }
  if (!Array.isArray(config.classNames) || !config.classNames.every((n) => typeof n === 'string')) {
    throw invalid(path, 'classNames', 'an array of strings');
  }
  return config;
}
