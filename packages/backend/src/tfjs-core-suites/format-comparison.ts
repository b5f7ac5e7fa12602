import type { SpecFailure } from './compare-runs.js';
import type { StockComparison } from './compare-with-stock.js';

/** `name: first line of the failure`, one per failed spec. */
export function describeFailures(failures: readonly SpecFailure[]): string[] {
  return failures.map(({ name, failure }) => `${name}: ${failure.split('\n')[0]}`);
}

/** A report of a comparison: counts, then every counted failure and every listed one by name. */
export function formatComparison({ backend, kernelNames, plan, comparison }: StockComparison): string {
  const { stock, ours, regressions, unfixed, fixed, failingOnBoth } = comparison;
  const lines = [
    `tfjs-core specs on ${backend}, our kernels (${kernelNames.join(', ') || 'none'}) against stock: ${plan.specFiles.length} spec files (${plan.specFiles.join(', ')})`,
    `  stock: ${stock.passed} passed, ${stock.failed} failed; ours: ${ours.passed} passed, ${ours.failed} failed`,
    `  fail with ours after passing on stock: ${regressions.length}`,
    ...describeFailures(regressions).map((line) => `    ${line}`),
    `  still fail with ours, failing on stock for want of our kernel: ${unfixed.length}`,
    ...describeFailures(unfixed).map((line) => `    ${line}`),
    `  fail on stock, pass with ours: ${fixed.length}`,
    ...fixed.map((name) => `    ${name}`),
    `  fail on both (listed, not counted): ${failingOnBoth.length}`,
    ...failingOnBoth.map((name) => `    ${name}`),
  ];
  if (plan.ownKernels.length > 0) lines.push(`  our own kernels, which tfjs-core has no specs for: ${plan.ownKernels.join(', ')}`);
  return lines.join('\n');
}
