import { backend_util, util, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmCalls } from '../wasm-calls.js';

/** Whether `axis` covers every dimension of `shape`. */
export function allAxes(axis: number | number[], shape: number[]): boolean {
  return new Set(util.parseAxisParam(axis, shape)).size === shape.length;
}

/**
 * scale(n) * the sum of all n elements of x, accumulated in float64: the stock kernel's float32
 * running sum drops what falls below half its last bit, which for L2 terms (sums of many small
 * squares) reads 0.14% low over a 256x256x3x3 kernel, and Muon's weight norms with it.
 */
export function scaledTotal(backend: BackendWasm, x: TensorInfo, keepDims: boolean, scale: (n: number) => number): TensorInfo {
  const values = backend.typedArrayFromHeap(x) as Float32Array;
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  const out = backend.makeOutput(keepDims ? x.shape.map(() => 1) : [], 'float32');
  (backend.typedArrayFromHeap(out) as Float32Array)[0] = total * scale(values.length);
  return out;
}

/** `axis` sorted, when it is exactly the first dimensions 0..k-1 of `shape`, k < rank. */
export function leadingAxes(axis: number | number[], shape: number[]): number[] | undefined {
  const axes = util.parseAxisParam(axis, shape).sort((a, b) => a - b);
  const leading = axes.length > 0 && axes.length < shape.length && axes.every((a, i) => a === i);
  return leading ? axes : undefined;
}

/**
 * scale(n) * mean of x over its leading `axes` (n elements each), as one global average
 * pool [1, 1, n, rest] in XNNPACK: it reads x once, in order, where the stock reductions
 * first transpose x to put the axes last.
 */
export function scaledLeadingMean(
  calls: WasmCalls,
  x: TensorInfo,
  axes: number[],
  keepDims: boolean,
  scale: (n: number) => number,
): TensorInfo {
  const [outShape, reduceShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
  const n = util.sizeFromShape(reduceShape);
  const pooled = calls.run(
    'AvgPool',
    { x: calls.reshape(x, [1, 1, n, util.sizeFromShape(outShape)]) },
    { filterSize: [1, n], strides: 1, pad: 'valid', dimRoundingMode: undefined },
  );
  const factor = scale(n);
  const scaled =
    factor === 1
      ? pooled
      : calls.run('Multiply', { a: pooled, b: calls.run('Fill', {}, { shape: [], value: factor, dtype: 'float32' }) });
  return calls.finish(calls.reshape(scaled, keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape));
}
