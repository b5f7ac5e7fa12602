import { getKernel, type KernelConfig } from '@tensorflow/tfjs';

/** Kernels of the stock wasm backend that ours replace, kept so ours can fall back to them. */
const stockKernels = new Map<string, KernelConfig>();

export function rememberStockKernel(name: string): void {
  const stock = getKernel(name, 'wasm') as KernelConfig | undefined;
  if (stock !== undefined && !stockKernels.has(name)) stockKernels.set(name, stock);
}

/** The stock kernel `name` if ours replaced it, else undefined. */
export function capturedStockKernel(name: string): KernelConfig | undefined {
  return stockKernels.get(name);
}

export function stockKernel(name: string): KernelConfig {
  const stock = stockKernels.get(name);
  if (stock === undefined) {
    throw new Error(`stock wasm kernel '${name}' was not captured: call registerWasmTrainingKernels()`);
  }
  return stock;
}
