import { describe, expect, it } from 'vitest';
import { createSchedule } from './schedule.js';

const length = { epochs: 10, batchesPerEpoch: 10 }; // 100 steps

describe('createSchedule', () => {
  it('constant keeps the base rate', () => {
    const lr = createSchedule({ name: 'constant' }, 0.1, length);
    expect([0, 50, 99].map(lr)).toEqual([0.1, 0.1, 0.1]);
  });

  it('step multiplies by gamma every stepEpochs', () => {
    const lr = createSchedule({ name: 'step', stepEpochs: 3, gamma: 0.1 }, 1, length);
    expect([0, 29, 30, 59, 60, 99].map(lr).map((v) => +v.toPrecision(6))).toEqual([1, 1, 0.1, 0.1, 0.01, 0.001]);
  });

  it('cosine falls from lr to minLr, half-way at the middle', () => {
    const lr = createSchedule({ name: 'cosine', minLr: 0.1 }, 1.1, length);
    expect(lr(0)).toBeCloseTo(1.1, 10);
    expect(lr(99)).toBeCloseTo(0.1, 10);
    expect(lr(49.5)).toBeCloseTo(0.6, 10);
  });

  it('linear falls in a straight line from lr to minLr, after the warm-up', () => {
    const lr = createSchedule({ name: 'linear', minLr: 0.07, warmupEpochs: 1 }, 1, length);
    // 10 warm-up steps, then 90 steps from 1 at step 10 to 0.07 at step 99.
    expect(lr(9)).toBe(1);
    expect(lr(10)).toBeCloseTo(1, 10);
    expect(lr(99)).toBeCloseTo(0.07, 10);
    expect(lr(54.5)).toBeCloseTo(0.535, 10);
    expect(lr(32) - lr(31)).toBeCloseTo(lr(81) - lr(80), 10);
    expect(createSchedule({ name: 'linear' }, 2, length)(99)).toBe(0);
  });

  it('one-cycle rises from maxLr/25 to maxLr at 30% and ends at maxLr/25e4', () => {
    const lr = createSchedule({ name: 'one-cycle', maxLr: 1 }, 0.5, length);
    expect(lr(0)).toBeCloseTo(0.04, 10);
    expect(lr(0.3 * 99)).toBeCloseTo(1, 10);
    expect(lr(99)).toBeCloseTo(0.04 / 1e4, 12);
    expect(lr(10)).toBeGreaterThan(lr(0));
    expect(lr(80)).toBeLessThan(lr(40));
  });

  it('warms up linearly, then runs the schedule over the remaining epochs', () => {
    const lr = createSchedule({ name: 'cosine', warmupEpochs: 2 }, 1, length);
    expect([0, 9, 19].map(lr)).toEqual([0.05, 0.5, 1]);
    expect(lr(20)).toBe(1);
    expect(lr(99)).toBeCloseTo(0, 10);
  });

  it('starts the warm-up from warmupStart of the rate, as airbench from 0.2', () => {
    const lr = createSchedule({ name: 'linear', warmupEpochs: 1, warmupStart: 0.2 }, 2, length);
    // 10 warm-up steps rising by 0.08 of the rate each: 0.28 of it after the first, all of it after the tenth.
    expect(lr(0)).toBeCloseTo(0.56, 10);
    expect(lr(4)).toBeCloseTo(1.2, 10);
    expect(lr(9)).toBeCloseTo(2, 10);
    expect(lr(10)).toBeCloseTo(2, 10);
    expect(lr(1) - lr(0)).toBeCloseTo(lr(8) - lr(7), 10);
  });

  it('names the bad field in its errors', () => {
    expect(() => createSchedule({ name: 'step', stepEpochs: 0, gamma: 0.1 }, 1, length)).toThrow(/stepEpochs/);
    expect(() => createSchedule({ name: 'constant', warmupEpochs: 10 }, 1, length)).toThrow(/warmupEpochs/);
    expect(() => createSchedule({ name: 'cosine', minLr: 2 }, 1, length)).toThrow(/minLr/);
    expect(() => createSchedule({ name: 'linear', minLr: -1 }, 1, length)).toThrow(/minLr/);
    expect(() => createSchedule({ name: 'linear', warmupEpochs: 1, warmupStart: 1 }, 1, length)).toThrow(/warmupStart must be in \[0, 1\), got 1/);
    expect(() => createSchedule({ name: 'exponential' } as never, 1, length)).toThrow(/unknown schedule "exponential"/);
  });
});
