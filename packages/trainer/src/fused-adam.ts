import { AdamUpdate, adamUpdate, hasKernel } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';

/** The slots tfjs's AdamOptimizer keeps (its typings mark them private). */
interface AdamSlots {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

/**
 * tfjs's AdamOptimizer (same slots, weights and checkpoints), whose step runs as one
 * @resnet/ops `adamUpdate` kernel per variable where @resnet/backend has it for the active
 * backend, instead of about a dozen kernels; elsewhere tfjs's own step.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!hasKernel(AdamUpdate)) {
      super.applyGradients(variableGradients);
      return;
    }
    const slots = this as unknown as AdamSlots;
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const step = this.iterations + 1;
    tf.tidy(() => {
      named.forEach(({ name, tensor: gradient }, i) => {
        const x = tf.engine().registeredVariables[name];
        // The moments' names and order are tfjs's, so checkpoints load either way.
        slots.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(x).variable(false)) };
        slots.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(x).variable(false)) };
        if (gradient == null) return;
        const m = slots.accumulatedFirstMoment[i].variable;
        const v = slots.accumulatedSecondMoment[i].variable;
        const next = adamUpdate(x, m, v, gradient, { lr: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, step });
        x.assign(next.x);
        m.assign(next.m);
        v.assign(next.v);
      });
      // Kept in step for tfjs's own path, should the backend change.
      slots.accBeta1.assign(tf.scalar(this.beta1 ** (step + 1)));
      slots.accBeta2.assign(tf.scalar(this.beta2 ** (step + 1)));
    });
    this.incrementIterations();
  }
}
