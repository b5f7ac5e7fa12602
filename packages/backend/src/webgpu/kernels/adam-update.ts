import { AdamUpdate, type AdamUpdateAttrs, type AdamUpdateInputs } from '@resnet/ops';
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runMultiOutputProgram } from '../multi-output-program.js';
import { componentFor, elementwiseProgram } from '../programs/elementwise.js';

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
  const program = elementwiseProgram({
    name: 'adamUpdate',
    variableNames: ['x', 'm', 'v', 'gradient', 'mOut', 'vOut'],
    outputShape: x.shape,
    component: componentFor(util.sizeFromShape(x.shape)),
    uniforms: 'lr : f32, beta1 : f32, beta2 : f32, epsilon : f32, correction1 : f32, correction2 : f32,',
    body: `
      let g = gradient[index];
      let m2 = uniforms.beta1 * m[index] + (1.0 - uniforms.beta1) * g;
      let v2 = uniforms.beta2 * v[index] + (1.0 - uniforms.beta2) * g * g;
      result[index] = x[index] - uniforms.lr * (m2 / uniforms.correction1) / (sqrt(v2 / uniforms.correction2) + uniforms.epsilon);
      mOut[index] = m2;
      vOut[index] = v2;`,
  });
  // The bias corrections 1 - beta^t, in double precision once per step.
  const floats = [lr, beta1, beta2, epsilon, 1 - beta1 ** step, 1 - beta2 ** step];
  return runMultiOutputProgram(backend, program, [x, m, v, gradient], [x.shape, x.shape], floats.map((value) => ({ type: 'float32', data: [value] })));
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: AdamUpdate,
  backendName: 'webgpu',
  kernelFunc: adamUpdate as KernelFunc,
};
