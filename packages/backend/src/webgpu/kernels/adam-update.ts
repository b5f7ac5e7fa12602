import { AdamUpdate, type AdamUpdateAttrs, type AdamUpdateInputs } from '@resnet/ops';
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runMultiOutputProgram } from '../multi-output-program.js';
import { componentFor, elementwiseProgram } from '../programs/elementwise.js';
import { writeInCommandOrder } from '../write-in-command-order.js';

interface KeptCorrections {
  key: string;
  tensor: TensorInfo;
}

const corrections = new WeakMap<WebGPUBackend, KeptCorrections>();

/**
 * The bias corrections [1 - beta1^t, 1 - beta2^t] of step t, in double precision, in one small
 * tensor per backend that every variable's update reads, rewritten in the command stream when
 * the step changes. As uniforms they changed every step, so every update met a new uniform
 * buffer and tfjs made a new bind group each time (42 a step for the seed network); one buffer
 * for all steps lets the groups recur.
 */
function biasCorrections(backend: WebGPUBackend, beta1: number, beta2: number, step: number): TensorInfo {
  const key = `${beta1},${beta2},${step}`;
  const kept = corrections.get(backend);
  if (kept?.key === key) return kept.tensor;
  const data = Float32Array.of(1 - beta1 ** step, 1 - beta2 ** step);
  if (kept === undefined) {
    const tensor = backend.makeTensorInfo([2], 'float32', data);
    corrections.set(backend, { key, tensor });
    return tensor;
  }
  backend.uploadToGPU(kept.tensor.dataId);
  writeInCommandOrder(backend, backend.tensorMap.get(kept.tensor.dataId).resource as GPUBuffer, data);
  kept.key = key;
  return kept.tensor;
}

/** One Adam step for one variable in one dispatch that writes x', m' and v'. */
function adamUpdate(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { x, m, v, gradient } = args.inputs as unknown as AdamUpdateInputs;
  const { lr, beta1, beta2, epsilon, step } = args.attrs as unknown as AdamUpdateAttrs;
  const backend = args.backend as WebGPUBackend;
  for (const [name, t] of Object.entries({ x, m, v, gradient })) {
    if (t.dtype !== 'float32' || !util.arraysEqual(t.shape, x.shape)) {
      throw new Error(`${AdamUpdate}: expected ${name} float32 [${x.shape}] (x's shape), got ${t.dtype} [${t.shape}]`);
    }
  }
  const component = componentFor(util.sizeFromShape(x.shape));
  const program = elementwiseProgram({
    name: 'adamUpdate',
    variableNames: ['x', 'm', 'v', 'gradient', 'corrections', 'mOut', 'vOut'],
    variableComponents: [component, component, component, component, 1, component, component],
    outputShape: x.shape,
    component,
    uniforms: 'lr : f32, beta1 : f32, beta2 : f32, epsilon : f32,',
    body: `
      let g = gradient[index];
      let m2 = uniforms.beta1 * m[index] + (1.0 - uniforms.beta1) * g;
      let v2 = uniforms.beta2 * v[index] + (1.0 - uniforms.beta2) * g * g;
      result[index] = x[index] - uniforms.lr * (m2 / corrections[0]) / (sqrt(v2 / corrections[1]) + uniforms.epsilon);
      mOut[index] = m2;
      vOut[index] = v2;`,
  });
  const inputs = [x, m, v, gradient, biasCorrections(backend, beta1, beta2, step)];
  const floats = [lr, beta1, beta2, epsilon];
  return runMultiOutputProgram(backend, program, inputs, [x.shape, x.shape], floats.map((value) => ({ type: 'float32', data: [value] })));
}
export const adamUpdateConfig: KernelConfig = {
  kernelName: AdamUpdate,
  backendName: 'webgpu',
  kernelFunc: adamUpdate as KernelFunc,
};
