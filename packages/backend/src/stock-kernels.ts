import { getKernel, type KernelConfig } from '@tensorflow/tfjs';

/** Kernels of the stock backends that ours replace, kept so ours can fall back to them. */
const stockKernels = new Map<string, KernelConfig>();

const key = (name: string, backendName: string) => `${backendName}/${name}`;

export function rememberStockKernel(name: string, backendName: string): void {
  const stock = getKernel(name, backendName) as KernelConfig | undefined;
  if (stock !== undefined && !stockKernels.has(key(name, backendName))) stockKernels.set(key(name, backendName), stock);
}

/** The stock kernel `name` of `backendName` if ours replaced it, else undefined. */
export function capturedStockKernel(name: string, backendName: string): KernelConfig | undefined {
  return stockKernels.get(key(name, backendName));
}

export function stockKernel(name: string, backendName: string): KernelConfig {
  const stock = stockKernels.get(key(name, backendName));
  if (stock === undefined) {
    throw new Error(`stock ${backendName} kernel '${name}' was not captured: register our ${backendName} training kernels first`);
  }
  return stock;
}
