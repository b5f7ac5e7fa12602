import { backend_util, MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';
import { heapInstance } from '../wasm-heap.js';
import { maxPoolGradWasm } from '../wasm-pool/max-pool-grad-wasm.js';

/** max-pool-grad.wat's function; x, dy and dx are byte offsets in tfjs's wasm heap. */
interface MaxPoolGradFunctions {
  maxPoolGrad2x2(x: number, dy: number, dx: number, images: number, inHeight: number, inWidth: number, c: number, outHeight: number, outWidth: number): void;
}

/** 2x2 windows at stride 2, none cut by the edge or overlapping, over whole groups of 4 channels: max-pool-grad.wat's case. */
function disjointWindows2x2(info: backend_util.Conv2DInfo): boolean {
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo, inHeight, inWidth, outHeight, outWidth, inChannels, batchSize } = info;
  const windows = filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && padInfo.top === 0 && padInfo.left === 0;
  return windows && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth && inChannels % 4 === 0 && batchSize * outHeight * outWidth * inChannels > 0;
}

/**
 * MaxPool's gradient for any windows, strides and padding: each window's dy goes to its first
 * maximum in row-major order, as tfjs's cpu backend, TensorFlow and PyTorch do; overlapping
 * windows add up. The stock wasm kernel sends it to the last maximum instead, which differs
 * wherever values tie (post-ReLU maps have whole windows of zeros), and took 17% of a ResNet-9
 * training step.
 */
function maxPoolGrad(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  if (input.dtype !== 'float32') return stockKernel(MaxPoolGrad, 'wasm').kernelFunc(args);
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;

  const backend = args.backend as BackendWasm;
  const out = backend.makeOutput(input.shape, 'float32');
  // Views after the allocation, which may have grown the heap.
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  if (disjointWindows2x2(info)) {
    // SIMD over channels and no branches: 150 -> 15 ms for airbench's largest pool at batch 512, whose maxima are unpredictable.
    const pool = heapInstance<MaxPoolGradFunctions>(backend, maxPoolGradWasm);
    pool.maxPoolGrad2x2(x.byteOffset, g.byteOffset, dx.byteOffset, batchSize, inHeight, inWidth, channels, outHeight, outWidth);
    return out;
  }
  dx.fill(0);
  const rowStride = inWidth * channels;
  // A whole 2x2 window's other elements, from its corner: the order of "first".
  const [o1, o2, o3] = [channels, rowStride, rowStride + channels];
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * strideHeight - info.padInfo.top;
      const rowStart = Math.max(0, top);
      const rowEnd = Math.min(inHeight, top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, gi += channels) {
        const left = ow * strideWidth - info.padInfo.left;
        const colStart = Math.max(0, left);
        const colEnd = Math.min(inWidth, left + filterWidth);
        const corner = image + rowStart * rowStride + colStart * channels;
        if (rowEnd - rowStart === 2 && colEnd - colStart === 2) {
          // A whole 2x2 window the SIMD path does not take (channels not in groups of 4, overlapping windows), unrolled.
          for (let c = 0, at = corner; c < channels; c++, at++) {
            let best = at;
            if (x[at + o1] > x[best]) best = at + o1;
            if (x[at + o2] > x[best]) best = at + o2;
            if (x[at + o3] > x[best]) best = at + o3;
            dx[best] += g[gi + c];
          }
          continue;
        }
        for (let c = 0; c < channels; c++) {
          let best = -1;
          let bestValue = -Infinity;
          for (let row = rowStart; row < rowEnd; row++) {
            for (let col = colStart, at = image + row * rowStride + col * channels + c; col < colEnd; col++, at += channels) {
              if (x[at] > bestValue) {
                bestValue = x[at];
                best = at;
              }
            }
          }
          if (best >= 0) dx[best] += g[gi + c];
        }
      }
    }
  }
  return out;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  setupFunc: (backend) => stockKernel(MaxPoolGrad, 'wasm').setupFunc?.(backend),
  kernelFunc: maxPoolGrad as KernelFunc,
};
