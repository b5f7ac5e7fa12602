import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { AxisPhase } from './conv-phases.js';
import type { WasmCalls } from '../wasm-calls.js';

/**
 * The taps of an HWIO filter that reach one output phase, in reverse order along both spatial
 * axes: out[i, j] = filter[rows.firstTap + sh (rows.taps - 1 - i), cols.firstTap + sw (cols.taps - 1 - j)].
 * Each tap is one contiguous in x out block, so this is one copy per tap; the stock StridedSlice
 * and Reverse it replaces took ~40 ms on a 3x3x256x256 filter (Reverse indexes every element).
 */
export function reversedTaps(calls: WasmCalls, filter: TensorInfo, rows: AxisPhase, cols: AxisPhase, strides: [number, number]): TensorInfo {
  const [, filterWidth, inChannels, outChannels] = filter.shape;
  const backend = calls.backend as unknown as BackendWasm;
  const out = calls.adopt(backend.makeOutput([rows.taps, cols.taps, inChannels, outChannels], filter.dtype));
  // Views after the allocation, which may have grown the heap.
  const dst = backend.typedArrayFromHeap(out);
  const src = backend.typedArrayFromHeap(filter);
  const block = inChannels * outChannels;
  for (let i = 0; i < rows.taps; i++) {
    const row = rows.firstTap + strides[0] * (rows.taps - 1 - i);
    for (let j = 0; j < cols.taps; j++) {
      const col = cols.firstTap + strides[1] * (cols.taps - 1 - j);
      const from = (row * filterWidth + col) * block;
      dst.set(src.subarray(from, from + block), (i * cols.taps + j) * block);
    }
  }
  return out;
}
