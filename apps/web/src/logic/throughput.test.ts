import { describe, expect, it } from 'vitest';
import { ThroughputMeter } from './throughput.js';

describe('ThroughputMeter', () => {
  it('has no rate before two batches', () => {
    const meter = new ThroughputMeter();
    expect(meter.imagesPerSecond()).toBeUndefined();
    meter.record(32, 0);
    expect(meter.imagesPerSecond()).toBeUndefined();
  });

  it('measures images per second between the first and last batch in the window', () => {
    const meter = new ThroughputMeter();
    meter.record(32, 0);
    meter.record(32, 500);
    meter.record(32, 1000);
    expect(meter.imagesPerSecond()).toBeCloseTo(64);
    expect(meter.secondsLeft(640)).toBeCloseTo(10);
  });

  it('forgets batches older than the window', () => {
    const meter = new ThroughputMeter(2);
    meter.record(10, 0);
    meter.record(10, 10_000); // a slow first step
    meter.record(10, 10_100);
    meter.record(10, 10_200);
    expect(meter.imagesPerSecond()).toBeCloseTo(100);
  });

  it('starts over after reset', () => {
    const meter = new ThroughputMeter();
    meter.record(10, 0);
    meter.record(10, 100);
    meter.reset();
    expect(meter.imagesPerSecond()).toBeUndefined();
  });
});
