import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { ReluGrad } from '../../gradients/relu-grad.js';
import { componentFor, elementwiseProgram } from '../programs/elementwise.js';

/** dy step(x) in one pass: tfjs's gradient runs Step, then Multiply. */
function reluGrad(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
  if (!util.arraysEqual(dy.shape, x.shape) || x.dtype !== 'float32') {
    throw new Error(`${ReluGrad}: expected float32 x of dy's shape [${dy.shape}], got ${x.dtype} [${x.shape}]`);
  }
  const component = componentFor(util.sizeFromShape(x.shape));
  const [type, isNan] = component === 4 ? ['vec4<f32>', 'isnanVec4'] : ['f32', 'isnan'];
  const program = elementwiseProgram({
    name: 'reluGrad',
    variableNames: ['dy', 'x'],
    outputShape: x.shape,
    component,
    body: `
      let v = x[index];
      let step = select(select(${type}(0.0), ${type}(1.0), v > ${type}(0.0)), ${type}(uniforms.NAN), ${isNan}(v));
      result[index] = dy[index] * step;`,
  });
  const backend = args.backend as WebGPUBackend;
  return backend.runWebGPUProgram(program, [dy, x], 'float32');
}

export const reluGradKernelConfig: KernelConfig = {
  kernelName: ReluGrad,
  backendName: 'webgpu',
  kernelFunc: reluGrad as KernelFunc,
};
