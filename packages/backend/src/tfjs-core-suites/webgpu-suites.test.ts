import { describe, expect, it } from 'vitest';
import { compareWithStock } from './compare-with-stock.js';
import { describeFailures, formatComparison } from './format-comparison.js';
import { runSuite } from './run-suite.js';

describe('tfjs-core op specs on webgpu through Dawn on SwiftShader (the CPU Vulkan driver; no GPU here)', () => {
  // SwiftShader is slow: only the spec files of the kernels in webGpuTrainingKernels run.
  it('every spec of our webgpu kernels that passes on stock webgpu, or fails there for want of a kernel we add, passes with ours', async () => {
    const result = await compareWithStock('webgpu');
    console.log(formatComparison(result));
    expect(describeFailures(result.comparison.regressions)).toEqual([]);
    expect(describeFailures(result.comparison.unfixed)).toEqual([]);
  }, 480_000);

  it('runs tfjs-core specs on stock webgpu in Node and reports each one', async () => {
    const outcomes = await runSuite('webgpu', 'stock', ['ops/tile_test.js']);
    expect(outcomes).toContainEqual({ name: 'tile webgpu {} 1D (tile)', status: 'passed' });
    expect(outcomes.filter((o) => o.status === 'passed').length).toBeGreaterThan(outcomes.length / 2);
  }, 120_000);
});
