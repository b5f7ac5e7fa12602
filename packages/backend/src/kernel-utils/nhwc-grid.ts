import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmCalls } from '../wasm-calls.js';

/**
 * Places t [B,h,w,C] at phase (a, c) of a grid `sh`x`sw` times larger, zeros elsewhere:
 * out[b, sh*i + a, sw*j + c] = t[b, i, j]. One pad of a rank-6 view, no JavaScript loop.
 */
export function spreadOnGrid(calls: WasmCalls, t: TensorInfo, sh: number, sw: number, a = 0, c = 0): TensorInfo {
  if (sh === 1 && sw === 1) return t;
  const [b, h, w, ch] = t.shape;
  const spread = calls.run(
    'PadV2',
    { x: calls.reshape(t, [b, h, 1, w, 1, ch]) },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [a, sh - 1 - a],
        [0, 0],
        [c, sw - 1 - c],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return calls.reshape(spread, [b, h * sh, w * sw, ch]);
}

/** Pads (positive) or crops (negative) the bottom/right of an NHWC tensor. */
export function padOrCrop(calls: WasmCalls, t: TensorInfo, bottom: number, right: number): TensorInfo {
  let out = t;
  if (bottom < 0 || right < 0) {
    const [, h, w] = out.shape;
    out = calls.run(
      'Slice',
      { x: out },
      { begin: [0, 0, 0, 0], size: [-1, h + Math.min(bottom, 0), w + Math.min(right, 0), -1] },
    );
  }
  if (bottom > 0 || right > 0) {
    out = calls.run(
      'PadV2',
      { x: out },
      {
        paddings: [
          [0, 0],
          [0, Math.max(bottom, 0)],
          [0, Math.max(right, 0)],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
  }
  return out;
}
