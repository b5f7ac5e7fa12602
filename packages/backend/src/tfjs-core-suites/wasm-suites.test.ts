import { describe, expect, it } from 'vitest';
import { compareWithStock } from './compare-with-stock.js';
import { describeFailures, formatComparison } from './format-comparison.js';

describe('tfjs-core op specs on wasm: our kernels against stock wasm', () => {
  it('every spec that passes on stock wasm, or fails there for want of a kernel we add, passes with ours', async () => {
    const result = await compareWithStock('wasm');
    console.log(formatComparison(result));
    const { comparison } = result;
    expect(describeFailures(comparison.regressions)).toEqual([]);
    expect(describeFailures(comparison.unfixed)).toEqual([]);
    // Stock wasm has no Conv2DBackpropFilter: conv2d's gradient specs fail there, and show that ours ran.
    expect(comparison.fixed).toContain('conv2d wasm {} gradient x=[2,3,3,1] f=[2,2,1,1] s=1 p=0');
    expect(comparison.stock.passed).toBeGreaterThan(0);
  }, 300_000);
});
