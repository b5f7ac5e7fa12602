import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildModel, loadModel } from '@resnet/model';
import { RUN_FILES, type RunConfig, type TrainingState } from '@resnet/trainer';
import { loadCheckpoint, writeRunConfig } from '@resnet/trainer/node';
import type * as tf from '@tensorflow/tfjs';
import { CliError } from '../cli-error.js';

export interface StartedRun {
  model: tf.LayersModel;
  /** Set when continuing from a checkpoint. */
  state?: TrainingState;
}

/** A fresh run: refuses a directory that already holds one, so no trained model is overwritten. */
export async function startFreshRun(outDir: string, config: RunConfig): Promise<StartedRun> {
  const existing = await stat(join(outDir, RUN_FILES.config)).catch(() => undefined);
  if (existing) {
    throw new CliError(`${outDir} already holds a run; continue it with --resume ${outDir}, or choose another --out.`);
  }
  await mkdir(outDir, { recursive: true });
  const model = buildModel(config.model, { seed: config.seed, weightDecay: config.weightDecay, ...config.modelOptions });
  await writeRunConfig(outDir, config);
  return { model };
}

/** Continues from the run's last checkpoint (weights, optimizer, epoch, step, history). */
export async function resumeRun(runDir: string, config: RunConfig): Promise<StartedRun> {
  const checkpoints = join(runDir, RUN_FILES.checkpoints);
  const checkpoint = await loadCheckpoint(checkpoints, loadModel);
  if (!checkpoint) {
    throw new CliError(`${checkpoints}: no checkpoint to resume from (the run stopped before its first epoch ended); start it again.`);
  }
  await writeRunConfig(runDir, config);
  return { model: checkpoint.model, state: checkpoint.state };
}
