import type { TrainingCallback } from '../types.js';
import { improves, monitoredValue, type Monitor } from './monitor.js';

export interface EarlyStoppingOptions {
  /** Default val_loss. */
  monitor?: Monitor;
  /** Epochs without improvement before stopping. */
  patience: number;
  minDelta?: number;
}

/**
 * Stops when the monitored metric has not improved for `patience` epochs. The count comes
 * from the whole history, so a resumed run stops where the uninterrupted one would.
 */
export function earlyStopping(options: EarlyStoppingOptions): TrainingCallback {
  const monitor = options.monitor ?? 'val_loss';
  const { patience, minDelta = 0 } = options;
  if (!Number.isInteger(patience) || patience < 0) throw new Error(`earlyStopping: patience must be a whole number >= 0, got ${patience}`);
  return {
    onEpochEnd(_epoch, _log, ctx) {
      let best = Number.NaN;
      let wait = 0;
      for (const log of ctx.history) {
        const value = monitoredValue(log, monitor, 'earlyStopping');
        if (Number.isNaN(best) || improves(monitor, value, best, minDelta)) {
          best = value;
          wait = 0;
        } else {
          wait++;
        }
      }
      if (wait >= patience && wait > 0) {
        ctx.stop('early-stopping', `${monitor} has not improved on ${best.toFixed(4)} for ${wait} epochs (patience ${patience})`);
      }
    },
  };
}
