import {
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { nhwcConvInfo, type ConvInfo } from '../kernel-utils/nhwc-conv-info.js';
import { padOrCrop } from '../kernel-utils/nhwc-grid.js';
import { WasmCalls } from '../wasm-calls.js';

/**
 * Up to this many filter rows (kh*kw*inChannels, e.g. a 3x3 stem on RGB) the GEMM over
 * im2col patches wins: the patches stay small, and XNNPACK packs dy faster as a fully
 * connected weight than as a convolution filter. Beyond, slicing the windows costs more.
 */
export const IM2COL_MAX_ROWS = 32;


/**
 * The padding below/right of x that makes every filter tap's window exist; negative
 * means the last rows/columns of x never meet the filter and are cropped.
 */
function farPadding(info: ConvInfo): { bottom: number; right: number } {
  const { top, left } = info.padInfo;
  return {
    bottom: info.filterHeight - 1 + (info.outHeight - 1) * info.strideHeight + 1 - info.inHeight - top,
    right: info.filterWidth - 1 + (info.outWidth - 1) * info.strideWidth + 1 - info.inWidth - left,
  };
}

/**
 * dW[kh,kw,ci,co] = sum over b,oh,ow of x[b, oh*s+kh-pad, ow*s+kw-pad, ci] * dy[b,oh,ow,co]:
 * a stride-1 convolution of x^T [ci,H,W,B] with dy^T [oh,ow,B,co] as the filter, dilated
 * by the forward stride, so XNNPACK's Conv2D does the work.
 */
function viaConvolution(calls: WasmCalls, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const { top, left } = info.padInfo;
  const { bottom, right } = farPadding(info);
  const input = padOrCrop(calls, x, Math.min(bottom, 0), Math.min(right, 0));
  const conv = calls.run(
    'Conv2D',
    { x: calls.transpose(input, [3, 1, 2, 0]), filter: calls.transpose(dy, [1, 2, 0, 3]) },
    {
      strides: 1,
      pad: [
        [0, 0],
        [top, Math.max(bottom, 0)],
        [left, Math.max(right, 0)],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [info.strideHeight, info.strideWidth],
    },
  );
  return calls.transpose(conv, [1, 2, 0, 3]);
}

/**
 * The same sum as one GEMM: patches [kh*kw*ci, B*oh*ow] (one strided window of x^T per
 * filter tap) times dy [B*oh*ow, co]. Rows come out in filter order, so no transpose after.
 */
function viaIm2col(calls: WasmCalls, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const { top, left } = info.padInfo;
  const { bottom, right } = farPadding(info);
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight, outWidth } = info;
  const [batch, , , inC] = x.shape;
  const xT = calls.transpose(x, [3, 0, 1, 2]);
  const padded =
    top > 0 || left > 0 || bottom > 0 || right > 0
      ? calls.run(
          'PadV2',
          { x: xT },
          {
            paddings: [
              [0, 0],
              [0, 0],
              [top, Math.max(bottom, 0)],
              [left, Math.max(right, 0)],
            ],
            constantValue: 0,
          },
        )
      : xT;
  const taps: TensorInfo[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      taps.push(
        calls.run(
          'StridedSlice',
          { x: padded },
          {
            begin: [0, 0, i, j],
            end: [inC, batch, i + (outHeight - 1) * sh + 1, j + (outWidth - 1) * sw + 1],
            strides: [1, 1, sh, sw],
            beginMask: 0,
            endMask: 0,
            ellipsisMask: 0,
            newAxisMask: 0,
            shrinkAxisMask: 0,
          },
        ),
      );
    }
  }
  const patches = taps.length === 1 ? taps[0] : calls.run('Concat', taps, { axis: 0 });
  const rows = kh * kw * inC;
  const n = batch * outHeight * outWidth;
  const dW = calls.run(
    'BatchMatMul',
    { a: calls.reshape(patches, [1, rows, n]), b: calls.reshape(dy, [1, n, dy.shape[3]]) },
    { transposeA: false, transposeB: false },
  );
  return calls.reshape(dW, [kh, kw, inC, dy.shape[3]]);
}

function conv2dBackpropFilter(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = nhwcConvInfo(Conv2DBackpropFilter, x.shape as [number, number, number, number], attrs.filterShape, attrs);
  const calls = new WasmCalls(args.backend);
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  // A 1x1 stride-1 filter needs no windows: its patches are x^T itself.
  const im2col = (kh * kw === 1 && sh === 1 && sw === 1) || kh * kw * info.inChannels <= IM2COL_MAX_ROWS;
  return calls.finish((im2col ? viaIm2col : viaConvolution)(calls, x, dy, info));
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as KernelFunc,
};
