export type ScheduleConfig = (
  | { name: 'constant' }
  /** lr · gamma^floor(epoch / stepEpochs). */
  | { name: 'step'; stepEpochs: number; gamma: number }
  /** Half a cosine from lr down to minLr (default 0) over the run. */
  | { name: 'cosine'; minLr?: number }
  /** A straight line from lr down to minLr (default 0) over the run. */
  | { name: 'linear'; minLr?: number }
  /**
   * Smith's one-cycle, as PyTorch's OneCycleLR: cosine rise from maxLr/divFactor to maxLr over
   * pctStart of the run, then cosine fall to maxLr/(divFactor·finalDivFactor).
   */
  | { name: 'one-cycle'; maxLr?: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }
) & {
  /**
   * Linear warm-up over these epochs, from warmupStart·lr (plus one step's share of the rise) to lr;
   * the schedule then runs over the remaining epochs.
   */
  warmupEpochs?: number;
  /** The fraction of lr the warm-up starts from, in [0, 1); default 0 (airbench: 0.2). */
  warmupStart?: number;
};

export interface ScheduleLength {
  epochs: number;
  batchesPerEpoch: number;
}

/** Returns the learning rate for a 0-based global step. */
export function createSchedule(config: ScheduleConfig, lr: number, length: ScheduleLength): (step: number) => number {
  const totalSteps = length.epochs * length.batchesPerEpoch;
  const warmupEpochs = config.warmupEpochs ?? 0;
  if (!(warmupEpochs >= 0) || (warmupEpochs > 0 && warmupEpochs >= length.epochs)) {
    throw new Error(`schedule.warmupEpochs must be in [0, epochs=${length.epochs}), got ${warmupEpochs}`);
  }
  const start = config.warmupStart ?? 0;
  if (!(start >= 0 && start < 1)) throw new Error(`schedule.warmupStart must be in [0, 1), got ${start}`);
  const warmupSteps = Math.round(warmupEpochs * length.batchesPerEpoch);
  const main = mainSchedule(config, lr, length.batchesPerEpoch, totalSteps - warmupSteps);
  return (step) => (step < warmupSteps ? lr * (start + ((1 - start) * (step + 1)) / warmupSteps) : main(step - warmupSteps));
}

function mainSchedule(config: ScheduleConfig, lr: number, batchesPerEpoch: number, steps: number): (step: number) => number {
  // Fraction of the post-warm-up run done, in [0, 1].
  const progress = (step: number) => (steps <= 1 ? 0 : Math.min(1, step / (steps - 1)));
  const cosine = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;
  switch (config.name) {
    case 'constant':
      return () => lr;
    case 'step': {
      const { stepEpochs, gamma } = config;
      if (!(stepEpochs > 0)) throw new Error(`schedule.stepEpochs must be above 0, got ${stepEpochs}`);
      if (!(gamma > 0)) throw new Error(`schedule.gamma must be above 0, got ${gamma}`);
      return (step) => lr * gamma ** Math.floor(step / batchesPerEpoch / stepEpochs);
    }
    case 'cosine':
    case 'linear': {
      const minLr = config.minLr ?? 0;
      if (!(minLr >= 0 && minLr <= lr)) throw new Error(`schedule.minLr must be in [0, lr=${lr}], got ${minLr}`);
      if (config.name === 'linear') return (step) => lr + (minLr - lr) * progress(step);
      return (step) => cosine(lr, minLr, progress(step));
    }
    case 'one-cycle': {
      const maxLr = config.maxLr ?? lr;
      const pctStart = config.pctStart ?? 0.3;
      const initial = maxLr / (config.divFactor ?? 25);
      const final = initial / (config.finalDivFactor ?? 1e4);
      if (!(pctStart > 0 && pctStart < 1)) throw new Error(`schedule.pctStart must be in (0, 1), got ${pctStart}`);
      return (step) => {
        const t = progress(step);
        return t < pctStart ? cosine(initial, maxLr, t / pctStart) : cosine(maxLr, final, (t - pctStart) / (1 - pctStart));
      };
    }
    default:
      throw new Error(`unknown schedule ${JSON.stringify((config as { name: unknown }).name)}: expected constant, step, cosine, linear or one-cycle`);
  }
}
