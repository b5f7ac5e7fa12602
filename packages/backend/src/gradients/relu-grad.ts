import { hasKernel } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { Relu, type GradConfig } from '@tensorflow/tfjs';

/**
 * dx = dy step(x), as tfjs's Relu gradient computes it (0 where x <= 0, NaN where x is NaN),
 * in one kernel: backends that register it save the Step kernel's pass and its tensor.
 * Inputs: dy, x. Output: dx.
 */
export const ReluGrad = 'ResnetReluGrad';

/** The Relu gradient as one `ReluGrad` kernel where the backend has it, else tfjs's ops. */
export const reluGradConfig: GradConfig = {
  kernelName: Relu,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    const gradient = dy as tf.Tensor;
    return {
      x: () => (hasKernel(ReluGrad) ? (tf.engine().runKernel(ReluGrad, { dy: gradient, x }) as tf.Tensor) : tf.mul(gradient, tf.cast(tf.step(x), 'float32'))),
    };
  },
};
