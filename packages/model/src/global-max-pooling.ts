import * as tf from '@tensorflow/tfjs';
import { stockLayerClass, type StockLayerClass } from './stock-layer.js';

type GlobalPoolingArgs = NonNullable<Parameters<typeof tf.layers.globalMaxPooling2d>[0]>;
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

const StockGlobalMaxPooling2D: StockLayerClass<GlobalPoolingArgs> = stockLayerClass('GlobalMaxPooling2D');

/**
 * tfjs-layers' GlobalMaxPooling2D, same config and class name (saved models stay loadable by any
 * tfjs and score the same), computed as one MaxPool window over the whole map, sized at each
 * call. Its gradient goes to each channel's first maximum, as MaxPool's, PyTorch's and
 * TensorFlow's do; tfjs's Max gradient gives the whole gradient to every tied maximum (ReLU maps
 * of flat image regions tie often), multiplying it. Sized at call time, the network runs on
 * images of any size, as progressive resizing trains it.
 */
export class GlobalMaxPooling2D extends StockGlobalMaxPooling2D {
  static readonly className = 'GlobalMaxPooling2D';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    if (this.getConfig().dataFormat === 'channelsFirst') return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [batch, height, width, channels] = x.shape;
      return tf.reshape(tf.maxPool(x, [height, width], [height, width], 'valid'), [batch, channels]);
    });
  }
}
