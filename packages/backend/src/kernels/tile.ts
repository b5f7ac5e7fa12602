import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs';
import { stockKernel } from '../stock-kernels.js';
import { WasmCalls } from '../wasm-calls.js';

/**
 * A tile that only repeats size-1 dimensions (BatchNorm's gradient tiles [1,1,1,C] to
 * NHWC) is a broadcast: zeros + x in XNNPACK's broadcasting Add, instead of the stock
 * element-by-element index arithmetic.
 */
function tile(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { x } = args.inputs as { x: TensorInfo };
  const { reps } = args.attrs as unknown as TileAttrs;
  const broadcast = x.dtype === 'float32' && reps.every((r, i) => r === 1 || x.shape[i] === 1);
  if (!broadcast) return stockKernel(Tile).kernelFunc(args);
  const calls = new WasmCalls(args.backend);
  const shape = x.shape.map((d, i) => d * reps[i]);
  const zeros = calls.run('Fill', {}, { shape, value: 0, dtype: 'float32' });
  return calls.finish(calls.run('Add', { a: zeros, b: x }));
}

export const tileConfig: KernelConfig = {
  kernelName: Tile,
  backendName: 'wasm',
  setupFunc: (backend) => stockKernel(Tile).setupFunc?.(backend),
  kernelFunc: tile as KernelFunc,
};
