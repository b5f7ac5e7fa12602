import { MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * MaxPool's gradient when the windows tile x exactly (2x2 pooling with stride 2 on even
 * sizes: ResNet-9's stages): each window's dy goes to its first maximum, the rest get 0, in
 * one pass that writes every element of dx. The stock kernel, which handles any windows,
 * took 17% of a ResNet-9 training step. Other windows go to it.
 */
function maxPoolGrad(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  const [fh, fw] = pair(attrs.filterSize);
  const [sh, sw] = pair(attrs.strides);
  const [batch, height, width, channels] = input.shape;
  const tiles = fh === sh && fw === sw && height % sh === 0 && width % sw === 0;
  const noPadding = attrs.pad === 'valid' || attrs.pad === 'same';
  const fits = tiles && noPadding && dy.shape[1] === height / sh && dy.shape[2] === width / sw;
  if (!fits || input.dtype !== 'float32') return stockKernel(MaxPoolGrad, 'wasm').kernelFunc(args);

  const backend = args.backend as BackendWasm;
  const out = backend.makeOutput(input.shape, 'float32');
  // Views after the allocation, which may have grown the heap.
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const outHeight = height / sh;
  const outWidth = width / sw;
  const rowStride = width * channels;
  // Offsets of the window's elements from its corner, row by row: the order of "first".
  const offsets: number[] = [];
  for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) offsets.push(i * rowStride + j * channels);
  const [, o1, o2, o3] = offsets;
  let gi = 0;
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const corner = ((b * height + oh * sh) * width + ow * sw) * channels;
        if (offsets.length === 4) {
          // 2x2 (any 4-element window), unrolled: ResNet-9's case; 103 -> 70 ms a step over the loop below.
          for (let at = corner, end = corner + channels; at < end; at++, gi++) {
            let best = at;
            if (x[at + o1] > x[best]) best = at + o1;
            if (x[at + o2] > x[best]) best = at + o2;
            if (x[at + o3] > x[best]) best = at + o3;
            dx[at] = 0;
            dx[at + o1] = 0;
            dx[at + o2] = 0;
            dx[at + o3] = 0;
            dx[best] = g[gi];
          }
          continue;
        }
        for (let at = corner, end = corner + channels; at < end; at++, gi++) {
          let best = at;
          for (const offset of offsets) {
            dx[at + offset] = 0;
            if (x[at + offset] > x[best]) best = at + offset;
          }
          dx[best] = g[gi];
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
