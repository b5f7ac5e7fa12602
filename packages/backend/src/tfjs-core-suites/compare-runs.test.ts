import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs.js';
import type { SpecOutcome } from './spec-outcome.js';

const passed = (name: string): SpecOutcome => ({ name, status: 'passed' });
const failed = (name: string, failure = 'Error: Arrays differ'): SpecOutcome => ({ name, status: 'failed', failure });
const lacking = (kernel: string) => `Error: Kernel '${kernel}' not registered for backend 'wasm'`;

describe('compareRuns: the same specs on stock kernels and ours', () => {
  it('counts a spec that passes on stock and fails with ours, with the reason', () => {
    const c = compareRuns([passed('a'), passed('b')], [passed('a'), failed('b', 'Expected 8 to equal 4.')], []);
    expect(c.regressions).toEqual([{ name: 'b', failure: 'Expected 8 to equal 4.' }]);
    expect(c.stock).toEqual({ passed: 2, failed: 0 });
    expect(c.ours).toEqual({ passed: 1, failed: 1 });
  });

  it('counts a spec that passed on stock and did not run with ours', () => {
    expect(compareRuns([passed('a'), passed('b')], [passed('a')], []).regressions).toEqual([{ name: 'b', failure: 'did not run with our kernels' }]);
  });

  it('lists, without counting, a spec that fails on both', () => {
    const c = compareRuns([failed('nchw', 'Error: NCHW unsupported')], [failed('nchw', 'Error: NCHW unsupported')], ['Conv2D']);
    expect(c.failingOnBoth).toEqual(['nchw']);
    expect(c.regressions).toEqual([]);
    expect(c.unfixed).toEqual([]);
  });

  it('counts a spec that failed on stock for want of a kernel we add and still fails with ours', () => {
    const c = compareRuns([failed('grad', lacking('Conv2DBackpropFilter'))], [failed('grad', 'Error: Arrays differ')], ['Conv2DBackpropFilter']);
    expect(c.unfixed).toEqual([{ name: 'grad', failure: 'Error: Arrays differ' }]);
  });

  it('lists a spec that failed on stock for want of a kernel we do not add', () => {
    const c = compareRuns([failed('complex', lacking('Complex'))], [failed('complex', lacking('Complex'))], ['Conv2DBackpropFilter']);
    expect(c.failingOnBoth).toEqual(['complex']);
  });

  it('reports a spec that fails on stock and passes with ours as fixed', () => {
    expect(compareRuns([failed('grad', lacking('Conv2DBackpropFilter'))], [passed('grad')], ['Conv2DBackpropFilter']).fixed).toEqual(['grad']);
  });

  it('compares repeated spec names in order', () => {
    const c = compareRuns([passed('dtype'), failed('dtype')], [failed('dtype'), failed('dtype')], []);
    expect(c.regressions.map((r) => r.name)).toEqual(['dtype']);
    expect(c.failingOnBoth).toEqual(['dtype #2']);
  });

  it('ignores pending and excluded specs', () => {
    const skipped: SpecOutcome[] = [{ name: 'p', status: 'pending' }, { name: 'x', status: 'excluded' }];
    const c = compareRuns(skipped, [], []);
    expect([c.regressions, c.unfixed, c.fixed, c.failingOnBoth]).toEqual([[], [], [], []]);
  });
});
