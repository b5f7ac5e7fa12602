import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { elementwiseProgram } from './elementwise.js';

/**
 * The filter of the convolution that maps dy back onto the input at stride 1: W [kh, kw, in, out]
 * turned 180 degrees in space with its channel axes swapped, [KH-1-kh, KW-1-kw, out, in].
 */
export function flippedFilterProgram([kh, kw, inC, outC]: readonly number[]): WebGPUProgram {
  return elementwiseProgram({
    name: 'flippedFilter',
    variableNames: ['W'],
    outputShape: [kh, kw, outC, inC],
    component: 1,
    body: `
      let inC = uniforms.wShape.z;
      let outC = uniforms.wShape.w;
      let i = index % inC;
      let o = (index / inC) % outC;
      let tap = index / (inC * outC);
      let flipped = uniforms.wShape.x * uniforms.wShape.y - 1 - tap;
      result[index] = W[(flipped * inC + i) * outC + o];`,
  });
}
