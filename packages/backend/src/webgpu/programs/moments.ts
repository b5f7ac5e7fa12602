import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runMultiOutputProgram } from '../multi-output-program.js';
import { channelReductionProgram, channelReductionUniforms, channelSplits, type ChannelReduction } from './channel-reduction.js';
import { elementwiseProgram } from './elementwise.js';

/** Welford's running count, mean and sum of squared deviations; merged as Chan et al. do. */
const welford: ChannelReduction = {
  name: 'welford',
  variableNames: ['x'],
  fields: ['count', 'mean', 'm2'],
  accumulate: `
        let v = x[i];
        count = count + 1.0;
        let d = v - mean;
        mean = mean + d / count;
        m2 = m2 + d * (v - mean);`,
  merge: `
        if (other_count > 0.0) {
          let total = count + other_count;
          let d = other_mean - mean;
          mean = mean + d * other_count / total;
          m2 = m2 + other_m2 + d * d * count * other_count / total;
          count = total;
        }`,
};

/**
 * The mean and biased variance of each channel (last axis) of x, in two dispatches: partial
 * Welford states over splits of the rows, then their merge. One pass over x, and no
 * cancellation as in sum(x^2) / n - mean^2.
 */
export function moments(backend: WebGPUBackend, x: TensorInfo): { mean: TensorInfo; variance: TensorInfo } {
  const channels = x.shape[x.shape.length - 1];
  const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const layout = channelSplits(rows, channels);
  const partial = backend.runWebGPUProgram(channelReductionProgram(welford, channels, layout), [x], 'float32', channelReductionUniforms(rows, channels, layout));
  const merge = elementwiseProgram({
    name: 'mergeWelford',
    variableNames: ['partial', 'variance'],
    outputShape: [channels],
    component: 1,
    uniforms: 'splits : i32,',
    body: `
      var count = 0.0;
      var mean = 0.0;
      var m2 = 0.0;
      for (var s = 0; s < uniforms.splits; s = s + 1) {
        let other_count = partial[(s * 3) * uniforms.size + index];
        let other_mean = partial[(s * 3 + 1) * uniforms.size + index];
        let other_m2 = partial[(s * 3 + 2) * uniforms.size + index];
        ${welford.merge}
      }
      result[index] = mean;
      variance[index] = m2 / count;`,
  });
  const [mean, variance] = runMultiOutputProgram(backend, merge, [partial], [[channels]], [{ type: 'int32', data: [layout.splits] }]);
  backend.disposeData(partial.dataId);
  return { mean, variance };
}
