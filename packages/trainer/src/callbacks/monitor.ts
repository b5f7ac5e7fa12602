import type { EpochLog } from '../types.js';

export type Monitor = 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy';

/** Reads a monitored metric, or says clearly why it is missing. */
export function monitoredValue(log: EpochLog, monitor: Monitor, who: string): number {
  const value = log[monitor];
  if (value === undefined) {
    throw new Error(`${who} monitors ${monitor}, but epoch ${log.epoch + 1} has none: pass \`validation\` to fit() or monitor ${monitor.replace('val_', '')}`);
  }
  return value;
}

/** True when `value` beats `best` by more than minDelta in the metric's direction. */
export function improves(monitor: Monitor, value: number, best: number, minDelta = 0): boolean {
  return monitor.endsWith('accuracy') ? value > best + minDelta : value < best - minDelta;
}
