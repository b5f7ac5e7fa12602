import { compareRuns, type SuiteComparison } from './compare-runs.js';
import { planSpecs, type SpecPlan } from './kernel-specs.js';
import { runSuite } from './run-suite.js';
import { ourKernels, type SuiteBackend, type SuiteKernels } from './suite-backend.js';

export interface StockComparison {
  backend: SuiteBackend;
  kernelNames: string[];
  plan: SpecPlan;
  comparison: SuiteComparison;
}

/**
 * Runs the tfjs-core specs of every kernel in the backend's config list on the stock backend,
 * then with ours, and compares. Nothing runs when no kernel has specs.
 */
export async function compareWithStock(backend: SuiteBackend): Promise<StockComparison> {
  const kernelNames = ourKernels(backend).map((k) => k.kernelName);
  const plan = planSpecs(ourKernels(backend));
  const run = (kernels: SuiteKernels) => (plan.specFiles.length > 0 ? runSuite(backend, kernels, plan.specFiles) : Promise.resolve([]));
  const stock = await run('stock');
  const ours = await run('ours');
  return { backend, kernelNames, plan, comparison: compareRuns(stock, ours, kernelNames) };
}
