import type { TensorInfo } from '@tensorflow/tfjs';

/**
 * The channels (last axis) of float32 `x`, after checking that each of `perChannel` is a
 * float32 vector of that length: our kernels index them by channel without bounds checks.
 */
export function perChannelInputs(kernelName: string, x: TensorInfo, perChannel: Record<string, TensorInfo>): number {
  const channels = x.shape[x.shape.length - 1];
  if (x.dtype !== 'float32' || x.shape.length < 2 || x.shape.some((size) => size === 0)) {
    throw new Error(`${kernelName}: expected x float32, not empty, of rank 2 or more, got ${x.dtype} [${x.shape}]`);
  }
  for (const [name, t] of Object.entries(perChannel)) {
    if (t.dtype !== 'float32' || t.shape.length !== 1 || t.shape[0] !== channels) {
      throw new Error(`${kernelName}: expected ${name} float32 [${channels}] (x's channels), got ${t.dtype} [${t.shape}]`);
    }
  }
  return channels;
}
