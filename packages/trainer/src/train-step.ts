import * as tf from '@tensorflow/tfjs';
import { modelLogits } from '@resnet/model';
import { scaleGradients, trainedVariables, type BatchNormTrainingOptions } from './batch-norm-training.js';
import { correctCount, crossEntropy } from './loss.js';
import { MuonOptimizer } from './muon.js';
import { releaseDuringBackprop } from './release-during-backprop.js';
import type { Batch } from './types.js';

export interface StepResult {
  loss: number;
  correct: number;
  /** False when the loss was NaN or infinite; the weights were then left untouched. */
  applied: boolean;
}

export interface TrainStepOptions {
  labelSmoothing: number;
  batchNorm: BatchNormTrainingOptions;
}

/**
 * The layers whose regularization losses (kernel L2 = weight decay) enter the loss: all, but with
 * Muon not those with conv filters, whose norm Muon fixes at every step instead (airbench94_muon).
 */
function regularizedLayers(model: tf.LayersModel, optimizer: tf.Optimizer): tf.layers.Layer[] {
  // By class name: tf.Optimizer's Symbol.hasInstance makes every optimizer an instanceof any subclass.
  if (optimizer.getClassName() !== MuonOptimizer.className) return model.layers;
  return model.layers.filter((layer) => !layer.trainableWeights.some((w) => w.shape.length === 4));
}

/**
 * Builds one optimizer step: a forward pass in training mode (BatchNorm uses batch statistics
 * and updates its moving averages), cross-entropy plus the regularization losses, and an update
 * only when the loss is finite.
 */
export function createTrainStep(model: tf.LayersModel, optimizer: tf.Optimizer, options: TrainStepOptions) {
  const { variables, gradientScales } = trainedVariables(model, options.batchNorm);
  const regularized = regularizedLayers(model, optimizer);
  return async (batch: Batch): Promise<StepResult> => {
    // The forward pass writes BatchNorm's moving statistics; clones share the old buffers, so
    // keeping them to undo a non-finite step costs no copy.
    const statistics = model.nonTrainableWeights.map((w) => tf.clone(w.read()));
    // variableGrads needs a scalar result, so the accuracy count leaves the closure on the side.
    const side: { correct?: tf.Scalar } = {};
    const { value, grads } = tf.variableGrads(() => {
      const logits = modelLogits(model, batch.xs, true);
      side.correct = tf.keep(correctCount(logits, batch.ys));
      const regularization = regularized.flatMap((layer) => layer.calculateLosses());
      const dataLoss = crossEntropy(logits, batch.ys, options.labelSmoothing);
      const loss = regularization.length === 0 ? dataLoss : tf.addN([dataLoss, ...regularization]);
      releaseDuringBackprop();
      return loss;
    }, variables);
    const correct = side.correct as tf.Scalar;
    try {
      const [loss, hits] = await Promise.all([value.data(), correct.data()]);
      const finite = Number.isFinite(loss[0]);
      if (finite) tf.tidy(() => optimizer.applyGradients(scaleGradients(grads, gradientScales)));
      else model.nonTrainableWeights.forEach((w, i) => w.write(statistics[i]));
      return { loss: loss[0], correct: hits[0], applied: finite };
    } finally {
      tf.dispose([value, correct, ...statistics, ...Object.values(grads)]);
    }
  };
}
