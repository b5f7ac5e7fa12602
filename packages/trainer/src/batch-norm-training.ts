import * as tf from '@tensorflow/tfjs';

/**
 * How BatchNorm's own weights train (airbench94 freezes the scales and gives the biases a
 * 64-times learning rate).
 */
export interface BatchNormTrainingOptions {
  /** Train every BatchNorm's gamma; false leaves it at its initial value. Default true. */
  trainScale?: boolean;
  /**
   * Factor on the gradients of every BatchNorm's beta, which for SGD (with or without momentum)
   * is the same factor on their learning rate. Default 1; Adam takes only 1.
   */
  biasLrScale?: number;
}

/** What tfjs-layers' BatchNormalization keeps (its typings mark it private); null without scale or center. */
interface BatchNormWeights {
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
}

export interface TrainedVariables {
  /** The LayerVariables' backing tf.Variables; the optimizer keys its slots by position here. */
  variables: tf.Variable[];
  /** Gradient factors other than 1, by variable name. */
  gradientScales: Map<string, number>;
}

/** The variables a step trains, and the factor on each one's gradient. */
export function trainedVariables(model: tf.LayersModel, options: BatchNormTrainingOptions): TrainedVariables {
  const layers = model.layers.filter((layer) => layer.getClassName() === 'BatchNormalization') as unknown as BatchNormWeights[];
  const frozen = new Set(options.trainScale === false ? layers.map((layer) => layer.gamma) : []);
  const trained = model.trainableWeights.filter((w) => !frozen.has(w));
  const biasLrScale = options.biasLrScale ?? 1;
  const betas = new Set(layers.map((layer) => layer.beta));
  const scaled = biasLrScale === 1 ? [] : trained.filter((w) => betas.has(w));
  return {
    variables: trained.map(variableOf),
    gradientScales: new Map(scaled.map((w) => [variableOf(w).name, biasLrScale] as const)),
  };
}

function variableOf(weight: tf.LayerVariable): tf.Variable {
  return weight.read() as tf.Variable;
}

/** `grads` with the scaled ones multiplied, in the same order (call inside tf.tidy). */
export function scaleGradients(grads: tf.NamedTensorMap, scales: Map<string, number>): tf.NamedTensorMap {
  if (scales.size === 0) return grads;
  return Object.fromEntries(
    Object.entries(grads).map(([name, grad]) => {
      const scale = scales.get(name);
      return [name, scale === undefined ? grad : tf.mul(grad, scale)];
    }),
  );
}
