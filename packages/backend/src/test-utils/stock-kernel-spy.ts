import { vi } from 'vitest';
import { stockKernel } from '../stock-kernels.js';

/**
 * A spy on the stock kernel that ours falls back to (it still runs): it tells which path a case
 * took, which results alone would not, since the stock kernel matches cpu too.
 */
export function spyOnStockKernel(name: string, backendName: string) {
  return vi.spyOn(stockKernel(name, backendName), 'kernelFunc');
}
