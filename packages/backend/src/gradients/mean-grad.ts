import * as tf from '@tensorflow/tfjs';
import { Mean, type GradConfig, type MeanAttrs } from '@tensorflow/tfjs';

/**
 * dx = dy / n, broadcast back over the reduced axes. tfjs's own Mean gradient multiplies dy
 * by a ones tensor of x's size that it fills in JavaScript on every call: 0.7 s of a
 * `simple` training step on wasm went to filling ones for BatchNorm's batch means.
 */
export const meanGradConfig: GradConfig = {
  kernelName: Mean,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { axis } = attrs as unknown as MeanAttrs;
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const expanded = x.shape.map((size, i) => (axes.includes(i) ? 1 : size));
    const count = axes.reduce((product, a) => product * x.shape[a], 1);
    return { x: () => tf.broadcastTo(tf.div(tf.reshape(dy as tf.Tensor, expanded), count), x.shape) };
  },
};
