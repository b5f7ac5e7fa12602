import { basename, dirname } from 'node:path';
import { renderTrainingPlot } from '../plot/training-plot.js';
import type { TrainingCallback } from '../types.js';
import { writeFileAtomically } from './atomic.js';

/** Rewrites the SVG plot of the run's history (resumed epochs included) at every epoch's end. */
export function plotCallback(path: string): TrainingCallback {
  return {
    async onEpochEnd(_epoch, _log, ctx) {
      await writeFileAtomically(path, await renderTrainingPlot(ctx.history, `${ctx.model.name}: ${basename(dirname(path))}`));
    },
  };
}
