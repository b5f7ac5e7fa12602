import type { SpecOutcome } from './spec-outcome.js';

export interface SpecFailure {
  name: string;
  /** Why it failed with our kernels. */
  failure: string;
}

/** One run's counts. */
export interface RunCounts {
  passed: number;
  failed: number;
}

export interface SuiteComparison {
  stock: RunCounts;
  ours: RunCounts;
  /** Passed on stock, failed or did not run with ours: counted. */
  regressions: SpecFailure[];
  /** Failed on stock only for want of a kernel we add, and still fail with ours: counted. */
  unfixed: SpecFailure[];
  /** Failed on stock, pass with ours. */
  fixed: string[];
  /** Failed on stock for other reasons, and with ours: listed, not counted. */
  failingOnBoth: string[];
}

/**
 * Compares the same specs run on stock kernels and on ours. A spec that passes on stock must
 * pass with ours; so must one that fails on stock only because stock lacks one of
 * `ourKernelNames` (tfjs's "Kernel 'X' not registered"), or nothing would check the kernels
 * we add. Spec names repeat in tfjs-core: the nth spec of a name is compared with the nth.
 */
export function compareRuns(stock: readonly SpecOutcome[], ours: readonly SpecOutcome[], ourKernelNames: readonly string[]): SuiteComparison {
  const oursByKey = byKey(ours);
  const comparison: SuiteComparison = {
    stock: counts(stock),
    ours: counts(ours),
    regressions: [],
    unfixed: [],
    fixed: [],
    failingOnBoth: [],
  };
  for (const [key, before] of byKey(stock)) {
    if (before.status !== 'passed' && before.status !== 'failed') continue;
    const after = oursByKey.get(key);
    const failure = after === undefined ? 'did not run with our kernels' : (after.failure ?? after.status);
    const passes = after?.status === 'passed';
    if (before.status === 'passed') {
      if (!passes) comparison.regressions.push({ name: key, failure });
    } else if (passes) {
      comparison.fixed.push(key);
    } else if (lacksOneOf(before, ourKernelNames)) {
      comparison.unfixed.push({ name: key, failure });
    } else {
      comparison.failingOnBoth.push(key);
    }
  }
  return comparison;
}

/** Outcomes by name; a name's repeats get ` #2`, ` #3`... in the order run. */
function byKey(outcomes: readonly SpecOutcome[]): Map<string, SpecOutcome> {
  const seen = new Map<string, number>();
  const keyed = new Map<string, SpecOutcome>();
  for (const outcome of outcomes) {
    const n = (seen.get(outcome.name) ?? 0) + 1;
    seen.set(outcome.name, n);
    keyed.set(n === 1 ? outcome.name : `${outcome.name} #${n}`, outcome);
  }
  return keyed;
}

function counts(outcomes: readonly SpecOutcome[]): RunCounts {
  return {
    passed: outcomes.filter((o) => o.status === 'passed').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
  };
}

function lacksOneOf(outcome: SpecOutcome, kernelNames: readonly string[]): boolean {
  const missing = [...(outcome.failure ?? '').matchAll(/Kernel '([^']+)' not registered for backend/g)].map((m) => m[1]);
  return missing.length > 0 && missing.every((name) => kernelNames.includes(name));
}
