import { BatchNormTrainingGrad, type BatchNormTrainingGradAttrs, type BatchNormTrainingGradInputs } from '@resnet/ops';
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runMultiOutputProgram } from '../multi-output-program.js';
import { perChannelInputs } from '../per-channel-inputs.js';
import { channelReductionProgram, channelReductionUniforms, channelSplits, type ChannelReduction } from '../programs/channel-reduction.js';
import { componentFor, elementwiseProgram } from '../programs/elementwise.js';

/** Per channel: sum(dy) and sum(dy (x - mean)), which times 1 / sqrt(variance + epsilon) is sum(dy xhat). */
const gradientSums: ChannelReduction = {
  name: 'batchNormGradSums',
  variableNames: ['dy', 'x', 'mean'],
  fields: ['sumDy', 'sumDyXc'],
  prologue: 'let mu = mean[c];',
  accumulate: `
        let g = dy[i];
        sumDy = sumDy + g;
        sumDyXc = sumDyXc + g * (x[i] - mu);`,
  merge: `
        sumDy = sumDy + other_sumDy;
        sumDyXc = sumDyXc + other_sumDyXc;`,
};

/**
 * The gradient of BatchNormTraining's y in three dispatches: partial sums of dy and dy (x -
 * mean) over splits of the rows, their merge into dScale and dOffset, and dx.
 */
function batchNormTrainingGrad(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { dy, x, scale, mean, variance } = args.inputs as unknown as BatchNormTrainingGradInputs;
  const { epsilon } = args.attrs as unknown as BatchNormTrainingGradAttrs;
  const backend = args.backend as WebGPUBackend;
  const channels = perChannelInputs(BatchNormTrainingGrad, x, { scale, mean, variance });
  if (!util.arraysEqual(dy.shape, x.shape)) throw new Error(`${BatchNormTrainingGrad}: dy [${dy.shape}] differs from x [${x.shape}]`);
  const rows = util.sizeFromShape(x.shape) / channels;
  const layout = channelSplits(rows, channels);
  const partial = backend.runWebGPUProgram(channelReductionProgram(gradientSums, channels, layout), [dy, x, mean], 'float32', channelReductionUniforms(rows, channels, layout));
  const merge = elementwiseProgram({
    name: 'mergeBatchNormGradSums',
    variableNames: ['partial', 'variance', 'dOffset'],
    outputShape: [channels],
    component: 1,
    uniforms: 'splits : i32, epsilon : f32,',
    body: `
      var sumDy = 0.0;
      var sumDyXc = 0.0;
      for (var s = 0; s < uniforms.splits; s = s + 1) {
        sumDy = sumDy + partial[s * 2 * uniforms.size + index];
        sumDyXc = sumDyXc + partial[(s * 2 + 1) * uniforms.size + index];
      }
      result[index] = sumDyXc * inverseSqrt(variance[index] + uniforms.epsilon);
      dOffset[index] = sumDy;`,
  });
  const [dScale, dOffset] = runMultiOutputProgram(backend, merge, [partial, variance], [[channels]], [
    { type: 'int32', data: [layout.splits] },
    { type: 'float32', data: [epsilon] },
  ]);
  backend.disposeData(partial.dataId);
  const component = componentFor(channels);
  const inputGradient = elementwiseProgram({
    name: 'batchNormTrainingDx',
    variableNames: ['dy', 'x', 'mean', 'variance', 'scale', 'dScale', 'dOffset'],
    outputShape: x.shape,
    component,
    uniforms: 'epsilon : f32, count : f32, channels : i32,',
    body: `
      let c = index % uniforms.channels;
      let inv = inverseSqrt(variance[c] + uniforms.epsilon);
      let xhat = (x[index] - mean[c]) * inv;
      result[index] = scale[c] * inv * (dy[index] - (dOffset[c] + xhat * dScale[c]) / uniforms.count);`,
  });
  const dx = backend.runWebGPUProgram(inputGradient, [dy, x, mean, variance, scale, dScale, dOffset], 'float32', [
    { type: 'float32', data: [epsilon] },
    { type: 'float32', data: [rows] },
    { type: 'int32', data: [channels / component] },
  ]);
  return [dx, dScale, dOffset];
}

export const batchNormTrainingGradConfig: KernelConfig = {
  kernelName: BatchNormTrainingGrad,
  backendName: 'webgpu',
  kernelFunc: batchNormTrainingGrad as KernelFunc,
};
