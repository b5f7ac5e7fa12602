import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from './types.js';

/**
 * How BatchNorm's moving statistics are made ready for evaluation:
 * - `moving`: the moving averages as training left them (Keras);
 * - `recompute`: every BatchNorm's mean and variance averaged over `batches` training batches
 *   ("precise BN", Wu & Johnson 2021), written as the moving statistics;
 * - `auto` (default): recompute while the moving averages cannot have converged, i.e. while
 *   the weight left on their initial values, momentum^steps, is above 1%.
 */
export interface BatchNormStatisticsOptions {
  mode: 'auto' | 'moving' | 'recompute';
  /** Training batches to average over; default 32 (at most one epoch's). */
  batches?: number;
}

export const DEFAULT_STATISTICS_BATCHES = 32;
/** Below this weight on the initial values the moving averages count as converged. */
const CONVERGED_WEIGHT = 0.01;

/** What tfjs-layers' BatchNormalization keeps (its typings mark it private). */
interface MomentumState {
  momentum: number;
}

function batchNormLayers(model: tf.LayersModel): (tf.layers.Layer & MomentumState)[] {
  return model.layers.filter((layer) => layer.getClassName() === 'BatchNormalization') as (tf.layers.Layer & MomentumState)[];
}

/** Whether `auto` recomputes after `steps` optimizer steps: some BatchNorm still weighs its initial values by more than 1%. */
export function statisticsNeedRecompute(model: tf.LayersModel, steps: number): boolean {
  return batchNormLayers(model).some((layer) => layer.momentum ** steps > CONVERGED_WEIGHT);
}

/**
 * Sets every BatchNorm's moving mean and variance to the average of its batch statistics over
 * the first `batches` batches of `source.batches(epoch)`, run forward in training mode with no
 * update to the weights: for batch k the layers' momentum is 1 - 1/k, so their moving update
 * becomes a running mean. Deterministic in (source, epoch), so a resumed run recomputes the same.
 * Returns the number of batches used.
 */
export function recomputeBatchNormStatistics(model: tf.LayersModel, source: BatchSource, epoch: number, batches: number): number {
  if (!Number.isInteger(batches) || batches < 1) throw new Error(`batch-norm statistics: batches must be a whole number >= 1, got ${batches}`);
  const layers = batchNormLayers(model);
  if (layers.length === 0) return 0;
  const momenta = layers.map((layer) => layer.momentum);
  let used = 0;
  try {
    for (const { xs, ys } of source.batches(epoch)) {
      used++;
      for (const layer of layers) layer.momentum = 1 - 1 / used;
      try {
        tf.tidy(() => {
          model.apply(xs, { training: true });
        });
      } finally {
        tf.dispose([xs, ys]);
      }
      if (used === batches) break;
    }
  } finally {
    layers.forEach((layer, i) => (layer.momentum = momenta[i]));
  }
  return used;
}
