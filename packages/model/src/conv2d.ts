import * as tf from '@tensorflow/tfjs';
import { stockLayerClass, type StockLayerClass } from './stock-layer.js';

type Conv2DArgs = NonNullable<Parameters<typeof tf.layers.conv2d>[0]>;
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** What tfjs-layers' Conv2D keeps, read here (its typings mark them protected). */
interface Conv2DState {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  strides: [number, number];
  padding: 'same' | 'valid';
  dataFormat: 'channelsFirst' | 'channelsLast';
  dilationRate: [number, number];
  activation: { getClassName(): string };
}

const StockConv2D: StockLayerClass<Conv2DArgs> = stockLayerClass('Conv2D');

/**
 * tfjs-layers' Conv2D, same weights, config and class name (saved models stay loadable by any
 * tfjs), that runs a plain `tf.conv2d` when it has no bias and no activation (the presets' convs,
 * which BatchNorm follows; `simple`'s have biases). The fused conv tfjs-layers runs otherwise computes the gradient
 * of its input at every step, needed or not; conv2d's gradient skips it where the input does
 * not depend on a trained weight: the first conv, after the image or a frozen stem (airbench's:
 * 3.5% of a training step on wasm). The forward pass is the same kernel either way.
 */
export class Conv2D extends StockConv2D {
  static readonly className = 'Conv2D';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const state = this as unknown as Conv2DState;
    if (state.bias != null || state.activation.getClassName() !== 'linear' || state.dataFormat !== 'channelsLast') {
      return super.call(inputs, kwargs);
    }
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.conv2d(x, state.kernel.read() as tf.Tensor4D, state.strides, state.padding, 'NHWC', state.dilationRate);
  }
}
