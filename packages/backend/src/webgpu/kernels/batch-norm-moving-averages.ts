import { BatchNormMovingAverages, type BatchNormMovingAveragesAttrs, type BatchNormMovingAveragesInputs } from '@resnet/ops';
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runMultiOutputProgram } from '../multi-output-program.js';
import { componentFor, elementwiseProgram } from '../programs/elementwise.js';

/** BatchNorm's moving mean and variance in one dispatch (tfjs's ops take six). */
function batchNormMovingAverages(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { movingMean, movingVariance, mean, variance } = args.inputs as unknown as BatchNormMovingAveragesInputs;
  const { momentum } = args.attrs as unknown as BatchNormMovingAveragesAttrs;
  const backend = args.backend as WebGPUBackend;
  for (const [name, t] of Object.entries({ movingMean, movingVariance, mean, variance })) {
    if (t.dtype !== 'float32' || t.shape.length !== 1 || !util.arraysEqual(t.shape, movingMean.shape)) {
      throw new Error(`${BatchNormMovingAverages}: expected ${name} float32 [${movingMean.shape}] (movingMean's shape), got ${t.dtype} [${t.shape}]`);
    }
  }
  // The same float32 steps as the tfjs ops it replaces, so that backends agree.
  const program = elementwiseProgram({
    name: 'batchNormMovingAverages',
    variableNames: ['movingMean', 'movingVariance', 'mean', 'variance', 'varianceOut'],
    outputShape: movingMean.shape,
    component: componentFor(movingMean.shape[0]),
    uniforms: 'factor : f32,',
    body: `
      let meanStep = (movingMean[index] - mean[index]) * uniforms.factor;
      result[index] = movingMean[index] - meanStep;
      let varianceStep = (movingVariance[index] - variance[index]) * uniforms.factor;
      varianceOut[index] = movingVariance[index] - varianceStep;`,
  });
  return runMultiOutputProgram(backend, program, [movingMean, movingVariance, mean, variance], [movingMean.shape], [
    { type: 'float32', data: [1 - momentum] },
  ]);
}

export const batchNormMovingAveragesConfig: KernelConfig = {
  kernelName: BatchNormMovingAverages,
  backendName: 'webgpu',
  kernelFunc: batchNormMovingAverages as KernelFunc,
};
