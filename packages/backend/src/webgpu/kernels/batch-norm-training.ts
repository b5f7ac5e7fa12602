import { BatchNormTraining, type BatchNormTrainingAttrs, type BatchNormTrainingInputs } from '@resnet/ops';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { perChannelInputs } from '../per-channel-inputs.js';
import { componentFor, elementwiseProgram } from '../programs/elementwise.js';
import { moments } from '../programs/moments.js';

/** BatchNorm in training in three dispatches: partial moments, their merge, the normalization. */
function batchNormTraining(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { x, scale, offset } = args.inputs as unknown as BatchNormTrainingInputs;
  const { epsilon } = args.attrs as unknown as BatchNormTrainingAttrs;
  const backend = args.backend as WebGPUBackend;
  const channels = perChannelInputs(BatchNormTraining, x, { scale, offset });
  const { mean, variance } = moments(backend, x);
  const component = componentFor(channels);
  const normalize = elementwiseProgram({
    name: 'batchNormTraining',
    variableNames: ['x', 'mean', 'variance', 'scale', 'offset'],
    outputShape: x.shape,
    component,
    uniforms: 'epsilon : f32, channels : i32,',
    body: `
      let c = index % uniforms.channels;
      result[index] = (x[index] - mean[c]) * inverseSqrt(variance[c] + uniforms.epsilon) * scale[c] + offset[c];`,
  });
  const y = backend.runWebGPUProgram(normalize, [x, mean, variance, scale, offset], 'float32', [
    { type: 'float32', data: [epsilon] },
    { type: 'int32', data: [channels / component] },
  ]);
  return [y, mean, variance];
}

export const batchNormTrainingConfig: KernelConfig = {
  kernelName: BatchNormTraining,
  backendName: 'webgpu',
  kernelFunc: batchNormTraining as KernelFunc,
};
