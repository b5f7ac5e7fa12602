import Jasmine from 'jasmine';
import type { SpecOutcome } from './spec-outcome.js';

/** SwiftShader compiles every shader on the CPU; tfjs's own suites allow 20 s a spec. */
const SPEC_TIMEOUT_MS = 60_000;
/** Enough of a failure to tell why: messages can list arrays of hundreds of values. */
const MAX_FAILURE_CHARS = 2_000;

/**
 * Runs in jasmine the specs that `defineSpecs` declares, in the order declared: tfjs-core
 * repeats some spec names, and runs are compared by name and order. `filter`: a regular
 * expression that the full names of the specs to run match.
 */
export async function runSpecs(defineSpecs: () => void, filter?: string): Promise<SpecOutcome[]> {
  const runner = new Jasmine();
  runner.exitOnCompletion = false;
  runner.randomizeTests(false);
  runner.jasmine.DEFAULT_TIMEOUT_INTERVAL = SPEC_TIMEOUT_MS;
  runner.env.clearReporters();
  const outcomes: SpecOutcome[] = [];
  runner.env.addReporter({
    specDone({ fullName, status, failedExpectations }) {
      const failure = failedExpectations.map((e) => e.message).join('\n').slice(0, MAX_FAILURE_CHARS);
      outcomes.push(status === 'failed' ? { name: fullName, status, failure } : { name: fullName, status });
    },
  });
  defineSpecs();
  await runner.execute(undefined, filter);
  return outcomes;
}
