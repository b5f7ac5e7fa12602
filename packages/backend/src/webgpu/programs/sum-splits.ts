import { util } from '@tensorflow/tfjs';
import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/**
 * out[i] = sum over s of partial[s, i]: the partial sums of a split reduction, added up in one
 * pass. The number of splits is the uniform `splits`, so one pipeline serves every count.
 */
export function sumSplitsProgram(outputShape: number[]): WebGPUProgram {
  const component = util.sizeFromShape(outputShape) % 4 === 0 ? 4 : 1;
  const dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
  const workgroupSize: [number, number, number] = [64, 1, 1];
  return {
    variableNames: ['partial'],
    uniforms: 'splits : i32,',
    outputShape,
    outputComponent: component,
    size: true,
    shaderKey: `resnetSumSplits_${component}`,
    dispatchLayout,
    dispatch: webgpu_util.computeDispatch(dispatchLayout, outputShape, workgroupSize, [component, 1, 1]),
    workgroupSize,
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      var sum = partial[index];
      for (var s = 1; s < uniforms.splits; s = s + 1) {
        sum = sum + partial[s * uniforms.size + index];
      }
      result[index] = sum;
    }
  }
  `,
  };
}
