import * as tf from '@tensorflow/tfjs';
import { modelLogits } from '@resnet/model';
import { crossEntropy } from './loss.js';
import type { BatchSource } from './types.js';

export interface EvaluateOptions {
  /** Defaults to the model's output width. */
  numClasses?: number;
  /** Average the probabilities of each image and its left-right mirror. */
  flipTta?: boolean;
  /** Which epoch's batches to draw; sources without augmentation ignore it. */
  epoch?: number;
}

export interface EvaluationReport {
  /** Mean cross-entropy (no label smoothing, no regularization). */
  loss: number;
  accuracy: number;
  /** Recall per class; NaN for a class with no examples. */
  perClassAccuracy: number[];
  /** confusionMatrix[trueClass][predictedClass] = count. */
  confusionMatrix: number[][];
  count: number;
}

/** Scores the model in inference mode (BatchNorm uses its moving statistics). */
export async function evaluate(model: tf.LayersModel, source: BatchSource, options: EvaluateOptions = {}): Promise<EvaluationReport> {
  const outputShape = model.outputs[0].shape;
  const numClasses = options.numClasses ?? outputShape[outputShape.length - 1];
  if (numClasses == null || !(numClasses > 0)) throw new Error('evaluate: cannot tell the number of classes; pass options.numClasses');
  const confusionMatrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  let lossSum = 0;
  let count = 0;
  for (const batch of source.batches(options.epoch ?? 0)) {
    const { loss, predicted } = tf.tidy(() => {
      let logits = modelLogits(model, batch.xs, false);
      if (options.flipTta) {
        // The mean of both probabilities; its log is a valid logit vector for the loss.
        const mirrored = modelLogits(model, tf.image.flipLeftRight(batch.xs), false);
        logits = tf.log(tf.div<tf.Tensor2D>(tf.add(tf.softmax(logits), tf.softmax(mirrored)), 2));
      }
      return { loss: crossEntropy(logits, batch.ys), predicted: tf.argMax(logits, -1) };
    });
    try {
      const [lossValue, predictions, labels] = await Promise.all([loss.data(), predicted.data(), batch.ys.data()]);
      for (let i = 0; i < labels.length; i++) {
        const label = labels[i];
        if (!(label >= 0 && label < numClasses)) throw new Error(`evaluate: label ${label} is outside [0, ${numClasses})`);
        confusionMatrix[label][predictions[i]] += 1;
      }
      lossSum += lossValue[0] * labels.length;
      count += labels.length;
    } finally {
      tf.dispose([loss, predicted, batch.xs, batch.ys]);
    }
  }
  if (count === 0) throw new Error('evaluate: the source yielded no examples');
  const correct = confusionMatrix.reduce((sum, row, c) => sum + row[c], 0);
  const perClassAccuracy = confusionMatrix.map((row, c) => row[c] / row.reduce((a, b) => a + b, 0));
  return { loss: lossSum / count, accuracy: correct / count, perClassAccuracy, confusionMatrix, count };
}
