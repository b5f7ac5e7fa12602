import * as tf from '@tensorflow/tfjs';
import { MomentumOptimizer } from './momentum-optimizer.js';
import { orthogonalize } from './newton-schulz.js';

export interface MuonSettings {
  /** Learning rate of the SGD that trains every weight that is not a conv filter. */
  lr: number;
  momentum: number;
  nesterov: boolean;
  /** Learning rate of the conv filters' Muon steps, moved by the schedule in proportion to `lr`. */
  muonLr: number;
  /** Momentum of the Muon steps (always Nesterov). */
  muonMomentum: number;
}

const MUON_SLOT = '/muon_momentum';

type VariableGradients = Parameters<tf.Optimizer['applyGradients']>[0];
type NamedTensor = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number];

/**
 * Muon (Jordan et al. 2024) as airbench94_muon trains CIFAR-10 with it: each conv filter bank
 * (every rank-4 variable, [height, width, in, out]) takes a Nesterov-momentum step whose
 * [height·width·in, out] matrix is orthogonalized by Newton-Schulz, after the bank is scaled
 * back to norm √out (the step's size is then relative to it; the train step leaves the filters'
 * L2 terms out of the loss, as this norm replaces weight decay); every other variable (biases,
 * the classifier) trains with SGD and momentum.
 */
export class MuonOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'ResnetMuon';
  }

  private readonly sgd: MomentumOptimizer;
  private readonly baseLr: number;
  private filterLr: number;
  private buffers: { originalName: string; variable: tf.Variable }[] = [];

  constructor(private readonly settings: MuonSettings) {
    super();
    this.sgd = new MomentumOptimizer(settings.lr, settings.momentum, settings.nesterov);
    this.baseLr = settings.lr;
    this.filterLr = settings.muonLr;
  }

  /** Both learning rates, the filters' in proportion: the schedule's factor applies to both. */
  setLearningRate(lr: number): void {
    this.sgd.setLearningRate(lr);
    this.filterLr = (this.settings.muonLr * lr) / this.baseLr;
  }

  override applyGradients(variableGradients: VariableGradients): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const isFilter = ({ name }: NamedTensor) => tf.engine().registeredVariables[name].rank === 4;
    // The SGD keys its slots by position, so it always sees the same variables in the same order.
    this.sgd.applyGradients(named.filter((entry) => !isFilter(entry)));
    const m = this.settings.muonMomentum;
    named.filter(isFilter).forEach(({ name, tensor: gradient }, i) => {
      const x = tf.engine().registeredVariables[name];
      this.buffers[i] ??= { originalName: `${name}${MUON_SLOT}`, variable: tf.tidy(() => tf.zerosLike(x).variable(false)) };
      if (gradient == null) return;
      const buffer = this.buffers[i].variable;
      tf.tidy(() => {
        const nextBuffer = tf.add(tf.mul(buffer, m), gradient);
        const direction = tf.add(gradient, tf.mul(nextBuffer, m));
        const out = x.shape[3] as number;
        const update = tf.reshape(orthogonalize(tf.reshape(direction, [-1, out])), x.shape);
        const rescaled = tf.mul(x, tf.div(Math.sqrt(out), tf.norm(x)));
        buffer.assign(nextBuffer);
        x.assign(tf.sub(rescaled, tf.mul(update, this.filterLr)));
      });
    });
    this.incrementIterations();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const [iterations, ...sgdSlots] = await this.sgd.getWeights();
    iterations.tensor.dispose();
    return [await this.saveIterations(), ...sgdSlots, ...this.buffers.map((b) => ({ name: b.originalName, tensor: b.variable }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const slots = await this.extractIterations(weightValues);
    const sgdSlots = slots.filter((slot) => !slot.name.endsWith(MUON_SLOT));
    const iterations = tf.scalar(this.iterations, 'int32');
    try {
      await this.sgd.setWeights([{ name: 'iter', tensor: iterations }, ...sgdSlots]);
    } finally {
      iterations.dispose();
    }
    tf.dispose(this.buffers.map((b) => b.variable));
    this.buffers = slots
      .filter((slot) => slot.name.endsWith(MUON_SLOT))
      .map((slot) => ({ originalName: slot.name, variable: slot.tensor.variable(false) }));
  }

  override dispose(): void {
    this.sgd.dispose();
    tf.dispose(this.buffers.map((b) => b.variable));
    this.buffers = [];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings };
  }
}
