import { util, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { componentFor, elementwiseProgram } from './elementwise.js';

/**
 * out[i] = sum over s of partial[s, i], with `partial` [splits, ...outputShape]: the partial
 * sums of a split reduction added up in one pass; `splits` is a uniform, so one pipeline
 * serves every count.
 */
export function sumSplits(backend: WebGPUBackend, partial: TensorInfo, outputShape: number[]): TensorInfo {
  const program = elementwiseProgram({
    name: 'sumSplits',
    variableNames: ['partial'],
    outputShape,
    component: componentFor(util.sizeFromShape(outputShape)),
    uniforms: 'splits : i32,',
    body: `
      var sum = partial[index];
      for (var s = 1; s < uniforms.splits; s = s + 1) {
        sum = sum + partial[s * uniforms.size + index];
      }
      result[index] = sum;`,
  });
  return backend.runWebGPUProgram(program, [partial], 'float32', [{ type: 'int32', data: [partial.shape[0]] }]);
}
