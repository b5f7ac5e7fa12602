import * as tf from '@tensorflow/tfjs';
import { WHITENING_LAYER } from './whitening.js';

/**
 * Partial identity initialization (airbench, after PyTorch's dirac_): in every conv with an odd
 * square kernel, filter i < min(in, out) becomes the identity on input channel i (1 at the
 * kernel's centre, 0 elsewhere); the other filters keep their initial draw. The whitening stem is
 * left alone (it is set from data).
 */
export function applyIdentityInit(model: tf.LayersModel): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Conv2D' || layer.name === WHITENING_LAYER) continue;
    const [kernel, ...rest] = layer.getWeights();
    const [height, width, inputs, outputs] = kernel.shape;
    if (height !== width || height % 2 === 0) continue;
    const values = kernel.dataSync().slice();
    const centre = (height - 1) / 2;
    for (let i = 0; i < Math.min(inputs, outputs); i++) {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < inputs; c++) {
            values[((y * width + x) * inputs + c) * outputs + i] = y === centre && x === centre && c === i ? 1 : 0;
          }
        }
      }
    }
    tf.tidy(() => layer.setWeights([tf.tensor4d(values, [height, width, inputs, outputs]), ...rest]));
  }
}
