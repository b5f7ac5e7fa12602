import { util } from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export interface Elementwise {
  /** Tells the shader apart in tfjs's pipeline cache. */
  name: string;
  variableNames: string[];
  outputShape: number[];
  /** 4 to read and write vec4s (the size must divide by 4), else 1. */
  component: 1 | 4;
  /** Per variable, where some are read otherwise than the output is written (a small vector read by scalars). */
  variableComponents?: number[];
  /** Uniforms the body reads, as WGSL struct fields (`epsilon : f32,`). */
  uniforms?: string;
  /** WGSL for one output element (or vec4) at `index`, which is below `uniforms.size`. */
  body: string;
}

/** One thread per output element, or per vec4 of them; the inputs are read as the output is. */
export function elementwiseProgram({ name, variableNames, outputShape, component, variableComponents, uniforms, body }: Elementwise): WebGPUProgram {
  if (util.sizeFromShape(outputShape) % component !== 0) throw new Error(`${name}: size ${util.sizeFromShape(outputShape)} is not a multiple of ${component}`);
  const dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
  const workgroupSize: [number, number, number] = [64, 1, 1];
  return {
    variableNames,
    uniforms,
    outputShape,
    outputComponent: component,
    variableComponents,
    size: true,
    shaderKey: `resnetElementwise_${name}_${component}`,
    dispatchLayout,
    dispatch: webgpu_util.computeDispatch(dispatchLayout, outputShape, workgroupSize, [component, 1, 1]),
    workgroupSize,
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      ${body}
    }
  }
  `,
  };
}

/** vec4s where every tensor's size divides by 4 (for per-channel tensors: the channels). */
export function componentFor(...sizes: number[]): 1 | 4 {
  return sizes.every((size) => size % 4 === 0) ? 4 : 1;
}
