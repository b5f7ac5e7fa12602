import { AddN, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { stockKernel } from '../../stock-kernels.js';

/**
 * AddN within the device's storage buffers per shader: tfjs's kernel binds every input and the
 * output at once, so a loss with 21 weight penalties (ResNet-20) asks for 22 buffers where
 * devices give 8 to 12. Ours adds groups that fit with tfjs's kernel, then adds the group sums.
 */
function addN(args: Parameters<KernelFunc>[0]): TensorInfo {
  const inputs = args.inputs as unknown as TensorInfo[];
  const backend = args.backend as WebGPUBackend;
  const stock = stockKernel(AddN, 'webgpu').kernelFunc;
  // One binding is the output.
  const fit = backend.device.limits.maxStorageBuffersPerShaderStage - 1;
  if (inputs.length <= fit) return stock(args) as TensorInfo;
  const groups: TensorInfo[] = [];
  for (let start = 0; start < inputs.length; start += fit) {
    const group = inputs.slice(start, start + fit);
    groups.push(group.length === 1 ? group[0] : (stock({ ...args, inputs: group as unknown as typeof args.inputs }) as TensorInfo));
  }
  const total = addN({ ...args, inputs: groups as unknown as typeof args.inputs });
  for (const group of groups) if (!inputs.includes(group)) backend.disposeData(group.dataId);
  return total;
}

export const addNConfig: KernelConfig = {
  kernelName: AddN,
  backendName: 'webgpu',
  kernelFunc: addN as KernelFunc,
};
