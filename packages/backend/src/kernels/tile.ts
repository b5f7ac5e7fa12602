import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';
import { WasmCalls } from '../wasm-calls.js';

/**
 * When the output is x repeated whole (every repeated axis comes before x's first axis of
 * size > 1 or is that axis: BatchNorm's gradient tiles [1,1,1,C] to NHWC), copies x then
 * doubles the copy with memmove: no per-element work at all.
 */
function repeatWhole(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  const out = backend.makeOutput(shape, x.dtype);
  // Views after the allocation, which may have grown the heap.
  const dst = backend.typedArrayFromHeap(out);
  const src = backend.typedArrayFromHeap(x);
  dst.set(src);
  for (let filled = src.length; filled < dst.length; filled *= 2) {
    dst.copyWithin(filled, 0, Math.min(filled, dst.length - filled));
  }
  return out;
}

/**
 * Tiles as a copy when x repeats whole; as zeros + x in XNNPACK's broadcasting Add when only
 * size-1 dimensions repeat elsewhere; else the stock element-by-element index arithmetic.
 */
function tile(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { x } = args.inputs as { x: TensorInfo };
  const { reps } = args.attrs as unknown as TileAttrs;
  const shape = x.shape.map((d, i) => d * reps[i]);
  const firstWide = x.shape.findIndex((d) => d !== 1);
  const whole = firstWide === -1 || reps.every((r, i) => r === 1 || i <= firstWide);
  if (whole && (x.dtype === 'float32' || x.dtype === 'int32')) return repeatWhole(args.backend as BackendWasm, x, shape);
  const broadcast = x.dtype === 'float32' && reps.every((r, i) => r === 1 || x.shape[i] === 1);
  if (!broadcast) return stockKernel(Tile, 'wasm').kernelFunc(args);
  const calls = new WasmCalls(args.backend);
  const zeros = calls.run('Fill', {}, { shape, value: 0, dtype: 'float32' });
  return calls.finish(calls.run('Add', { a: zeros, b: x }));
}

export const tileConfig: KernelConfig = {
  kernelName: Tile,
  backendName: 'wasm',
  setupFunc: (backend) => stockKernel(Tile, 'wasm').setupFunc?.(backend),
  kernelFunc: tile as KernelFunc,
};
