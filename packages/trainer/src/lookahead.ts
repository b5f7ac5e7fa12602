import * as tf from '@tensorflow/tfjs';

/**
 * Lookahead (Zhang et al. 2019) as airbench94 uses it: every `every` steps the slow weights move
 * toward the trained ("fast") ones, slow += (1 - d)·(fast - slow) with
 * d = decay·(step / totalSteps)^power, and the fast weights restart from the slow ones.
 */
export interface LookaheadOptions {
  /** Steps between updates; default 5. */
  every?: number;
  /** d at the last step, in [0, 1]; default 0.95^5. */
  decay?: number;
  /** How late in the run d grows; default 3. */
  power?: number;
}

/** airbench94's values. */
export const LOOKAHEAD_DEFAULTS: Required<LookaheadOptions> = { every: 5, decay: 0.95 ** 5, power: 3 };

export interface Lookahead {
  /** Takes the slow copies from the model's weights; call at each epoch's start. */
  begin(): void;
  /** After optimizer step `step` (1-based over the whole run). */
  afterStep(step: number): void;
  /** The update once more at the epoch's end, so fast == slow in checkpoints; frees the slow copies. */
  end(step: number): void;
  dispose(): void;
}

export function createLookahead(model: tf.LayersModel, options: LookaheadOptions, totalSteps: number): Lookahead {
  const every = options.every ?? LOOKAHEAD_DEFAULTS.every;
  const decay = options.decay ?? LOOKAHEAD_DEFAULTS.decay;
  const power = options.power ?? LOOKAHEAD_DEFAULTS.power;
  if (!(Number.isInteger(every) && every >= 1)) throw new Error(`lookahead.every must be a whole number >= 1, got ${every}`);
  if (!(decay >= 0 && decay <= 1)) throw new Error(`lookahead.decay must be in [0, 1], got ${decay}`);
  if (!(power >= 0 && Number.isFinite(power))) throw new Error(`lookahead.power must be a number >= 0, got ${power}`);
  // All of them, BatchNorm's moving statistics included, as airbench averages the whole state dict.
  const weights = model.weights.filter((w) => w.dtype === 'float32');
  let slow: tf.Tensor[] = [];
  let lastUpdate = -1;

  const update = (step: number) => {
    const d = decay * (step / totalSteps) ** power;
    const next = tf.tidy(() => slow.map((s, i) => tf.add(s, tf.mul(tf.sub(weights[i].read(), s), 1 - d))));
    tf.dispose(slow);
    slow = next;
    // The variables then share the slow copies' buffers; optimizer steps assign new ones.
    weights.forEach((w, i) => w.write(slow[i]));
    lastUpdate = step;
  };
  const dispose = () => {
    tf.dispose(slow);
    slow = [];
  };

  return {
    // Taken afresh each epoch, a resumed run's slow copies start from the checkpoint like the
    // uninterrupted run's, BatchNorm statistics recomputed after the last epoch included.
    begin: () => {
      dispose();
      slow = weights.map((w) => tf.clone(w.read()));
    },
    afterStep: (step) => {
      if (step % every === 0) update(step);
    },
    end: (step) => {
      if (lastUpdate !== step) update(step);
      dispose();
    },
    dispose,
  };
}
