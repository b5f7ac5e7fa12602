import { BatchNormTraining, batchNormMovingAverages, batchNormTraining, hasKernel } from '@resnet/ops';
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
      // As tfjs-layers (and Keras) move them; one kernel where @resnet/backend has it.
      const moved = batchNormMovingAverages(
        state.movingMean.read() as tf.Tensor1D,
        state.movingVariance.read() as tf.Tensor1D,
        mean,
        variance,
        state.momentum,
      );
      state.movingMean.write(moved.movingMean);
      state.movingVariance.write(moved.movingVariance);
      return y;
    });
  }
}
