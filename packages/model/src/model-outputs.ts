import * as tf from '@tensorflow/tfjs';

/** What tfjs's Dense layer keeps (its typings mark them private). */
interface DenseState {
  kernel: tf.LayerVariable;
  bias?: tf.LayerVariable;
  useBias: boolean;
}

/** What the output layer applies last: a Dense's or Activation's activation; a scaling is linear. */
function activationOf(layer: tf.layers.Layer): string | undefined {
  switch (layer.getClassName()) {
    case 'Dense':
    case 'Activation':
      return String(layer.getConfig().activation);
    case 'Rescaling':
      return 'linear';
    default:
      return undefined;
  }
}

/**
 * The model's class scores before softmax: its output when its head is a linear Dense (or a
 * scaling after one); the input of a softmax Activation layer; the Dense's pre-activation when it ends in softmax (as Keras takes logits from a softmax output);
 * the log of the probabilities for any other model. Losses from logits need no clipping.
 */
export function modelLogits(model: tf.LayersModel, x: tf.Tensor, training: boolean): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    const head = model.layers[model.layers.length - 1];
    const activation = activationOf(head);
    if (activation === 'linear') return model.apply(x, { training }) as tf.Tensor2D;
    if (activation === 'softmax' && model.outputs[0] === head.output) {
      const features = featureModel(model, head).apply(x, { training }) as tf.Tensor2D;
      // A softmax layer of its own reads the scores themselves.
      if (head.getClassName() === 'Activation') return features;
      const dense = head as unknown as DenseState;
      const scores = tf.matMul<tf.Tensor2D>(features, dense.kernel.read() as tf.Tensor2D);
      return dense.useBias && dense.bias ? tf.add<tf.Tensor2D>(scores, dense.bias.read()) : scores;
    }
    return tf.log(tf.clipByValue(model.apply(x, { training }) as tf.Tensor2D, 1e-7, 1));
  });
}

/** Class probabilities in inference mode, whatever the model's head. */
export function predictProbabilities(model: tf.LayersModel, x: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const output = model.predict(x) as tf.Tensor2D;
    return activationOf(model.layers[model.layers.length - 1]) === 'linear' ? tf.softmax(output) : output;
  });
}

// The sub-model up to the classifier's input shares the model's layers (and weights); one per model.
const featureModels = new WeakMap<tf.LayersModel, tf.LayersModel>();

function featureModel(model: tf.LayersModel, head: tf.layers.Layer): tf.LayersModel {
  let features = featureModels.get(model);
  if (features === undefined) {
    features = tf.model({ inputs: model.inputs, outputs: head.input as tf.SymbolicTensor });
    featureModels.set(model, features);
  }
  return features;
}
