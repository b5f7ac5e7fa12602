import type * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { improves, monitoredValue, type Monitor } from '../callbacks/monitor.js';
import type { TrainingCallback, TrainingState } from '../types.js';
import { committedDir, exists, writeDirAtomically } from './atomic.js';
import { captureArtifacts, modelFiles } from '../run/model-files.js';
import { fileSystemIO } from './file-system-io.js';

const STATE_FILE = 'state.json';
const OPTIMIZER_FILE = 'optimizer.bin';
const FORMAT = 'resnet-trainer-checkpoint';

/** state.json: the training state, with the optimizer's weight data moved to optimizer.bin. */
interface StateFile extends Omit<TrainingState, 'optimizerWeights'> {
  format: typeof FORMAT;
  version: 1;
  optimizerWeights: { specs: tf.io.WeightsManifestEntry[]; path: typeof OPTIMIZER_FILE };
}

/**
 * Writes a checkpoint directory: the model in tfjs layers format (loadable on its own),
 * optimizer.bin and state.json, all replaced at once.
 */
export async function saveCheckpoint(dir: string, model: tf.LayersModel, state: TrainingState): Promise<void> {
  const { optimizerWeights, ...rest } = state;
  const stateFile: StateFile = { format: FORMAT, version: 1, ...rest, optimizerWeights: { specs: optimizerWeights.specs, path: OPTIMIZER_FILE } };
  await writeDirAtomically(dir, {
    ...modelFiles(await captureArtifacts(model)),
    [OPTIMIZER_FILE]: new Uint8Array(optimizerWeights.data),
    [STATE_FILE]: JSON.stringify(stateFile, null, 2),
  });
}

export interface LoadedCheckpoint {
  model: tf.LayersModel;
  state: TrainingState;
  /** The directory it was read from. */
  path: string;
}

/** Loads a layers model from an IO handler, knowing its custom layers: `loadModel` of @resnet/model. */
export type ModelLoader = (handler: tf.io.IOHandler) => Promise<tf.LayersModel>;

/**
 * Loads a checkpoint from `dir` itself or from `dir/last`; undefined when neither holds one.
 * Pass the result to `fit(model, train, { state, ... })` to continue the run.
 */
export async function loadCheckpoint(dir: string, loadModel: ModelLoader): Promise<LoadedCheckpoint | undefined> {
  for (const candidate of [dir, join(dir, 'last')]) {
    const source = await committedDir(candidate);
    if (source && (await exists(join(source, STATE_FILE)))) return readCheckpoint(source, loadModel);
  }
  return undefined;
}

async function readCheckpoint(dir: string, loadModel: ModelLoader): Promise<LoadedCheckpoint> {
  const statePath = join(dir, STATE_FILE);
  let stateFile: StateFile;
  try {
    stateFile = JSON.parse(await readFile(statePath, 'utf8')) as StateFile;
  } catch (error) {
    throw new Error(`${statePath} is not valid JSON: ${(error as Error).message}`);
  }
  if (stateFile.format !== FORMAT || stateFile.version !== 1) {
    throw new Error(`${statePath} is not a version 1 ${FORMAT} (format ${JSON.stringify(stateFile.format)}, version ${JSON.stringify(stateFile.version)})`);
  }
  const bytes = await readFile(join(dir, OPTIMIZER_FILE));
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { format: _format, version: _version, optimizerWeights, ...rest } = stateFile;
  const model = await loadModel(fileSystemIO(dir));
  return { model, state: { ...rest, optimizerWeights: { specs: optimizerWeights.specs, data } }, path: dir };
}

export interface CheckpointOptions {
  /** Metric for best/; default val_loss when the epoch has one, else loss. */
  monitor?: Monitor;
  /** Also keep the best epoch in best/. Default true. */
  saveBest?: boolean;
}

/**
 * At each epoch's end writes `dir/last` (and `dir/best` on improvement) atomically, so a kill
 * mid-epoch loses at most that epoch. "Best" is judged against the whole history, resumed
 * epochs included.
 */
export function checkpointCallback(dir: string, options: CheckpointOptions = {}): TrainingCallback {
  const saveBest = options.saveBest ?? true;
  return {
    async onEpochEnd(_epoch, log, ctx) {
      const state = await ctx.snapshot();
      await saveCheckpoint(join(dir, 'last'), ctx.model, state);
      if (!saveBest) return;
      const monitor = options.monitor ?? (log.val_loss === undefined ? 'loss' : 'val_loss');
      const value = monitoredValue(log, monitor, 'checkpointCallback');
      const earlier = ctx.history.filter((other) => other !== log);
      if (earlier.every((other) => improves(monitor, value, monitoredValue(other, monitor, 'checkpointCallback')))) {
        await saveCheckpoint(join(dir, 'best'), ctx.model, state);
      }
    },
  };
}
