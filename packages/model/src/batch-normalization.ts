import { BatchNormTraining, batchNormTraining, hasKernel } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { stockLayerClass, type StockLayerClass } from './stock-layer.js';

type BatchNormalizationArgs = NonNullable<Parameters<typeof tf.layers.batchNormalization>[0]>;
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** What tfjs-layers' BatchNormalization keeps, read here (its typings mark them private). */
interface BatchNormalizationState {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: tf.LayerVariable;
  beta: tf.LayerVariable;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

const StockBatchNormalization: StockLayerClass<BatchNormalizationArgs> = stockLayerClass('BatchNormalization');

/** moving := moving - (moving - value) (1 - momentum), as tfjs-layers (and Keras) update it. */
function moveAverage(moving: tf.LayerVariable, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = moving.read();
    moving.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - momentum)));
  });
}

/**
 * tfjs-layers' BatchNormalization, same weights, config and class name (saved models stay
 * loadable by any tfjs), whose training step over the last axis runs as @resnet/ops's
 * `batchNormTraining`: one kernel forward and one backward where @resnet/backend has them for
 * the active backend, instead of about a dozen. Everything else is tfjs's own code.
 */
export class BatchNormalization extends StockBatchNormalization {
  static readonly className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const state = this as unknown as BatchNormalizationState;
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const lastAxis = state.axis === -1 || state.axis === x.rank - 1;
    if (kwargs.training !== true || !state.center || !state.scale || !lastAxis || !hasKernel(BatchNormTraining)) {
      return super.call(inputs, kwargs);
    }
    return tf.tidy(() => {
      const { y, mean, variance } = batchNormTraining(x, state.gamma.read() as tf.Tensor1D, state.beta.read() as tf.Tensor1D, state.epsilon);
      moveAverage(state.movingMean, mean, state.momentum);
      moveAverage(state.movingVariance, variance, state.momentum);
      return y;
    });
  }
}
