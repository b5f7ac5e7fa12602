import {
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { nhwcConvInfo, type ConvInfo } from '../kernel-utils/conv-info.js';
import { axisPhase, type AxisPhase } from '../kernel-utils/conv-phases.js';
import { impliedDy } from '../kernel-utils/implied-dy.js';
import { padOrCrop, spreadOnGrid } from '../kernel-utils/nhwc-grid.js';
import { reversedTaps } from '../kernel-utils/reversed-taps.js';
import { WasmCalls } from '../wasm-calls.js';
import { conv2d } from './conv2d.js';

/** One output phase: dy correlated with the phase's taps of the flipped, transposed filter. */
function phaseOutput(
  calls: WasmCalls,
  dy: TensorInfo,
  filter: TensorInfo,
  rowPhase: AxisPhase,
  colPhase: AxisPhase,
  strides: [number, number],
): TensorInfo {
  const flipped = calls.transpose(reversedTaps(calls, filter, rowPhase, colPhase, strides), [0, 1, 3, 2]);
  let input = dy;
  if (rowPhase.before < 0 || colPhase.before < 0) {
    const top = Math.max(0, -rowPhase.before);
    const left = Math.max(0, -colPhase.before);
    input = calls.run('Slice', { x: dy }, { begin: [0, top, left, 0], size: [-1, dy.shape[1] - top, dy.shape[2] - left, -1] });
  }
  const bottom = rowPhase.after + Math.min(rowPhase.before, 0);
  const right = colPhase.after + Math.min(colPhase.before, 0);
  if (bottom < 0 || right < 0) {
    input = calls.run('Slice', { x: input }, { begin: [0, 0, 0, 0], size: [-1, input.shape[1] + Math.min(bottom, 0), input.shape[2] + Math.min(right, 0), -1] });
  }
  return calls.adopt(
    conv2d({
      inputs: { x: input, filter: flipped },
      backend: calls.backend,
      attrs: {
        strides: 1,
        pad: [
          [0, 0],
          [Math.max(rowPhase.before, 0), Math.max(bottom, 0)],
          [Math.max(colPhase.before, 0), Math.max(right, 0)],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: 1,
      },
    }),
  );
}

/**
 * dx as stride^2 phase convolutions (sub-pixel decomposition): output pixels with the same
 * position modulo the stride see the same filter taps, so each phase is a stride-1 Conv2D
 * of dy with those taps (ours: Winograd's for 3x3 taps), and no multiplication by inserted zeros is wasted.
 */
function viaPhases(calls: WasmCalls, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { strideHeight: sh, strideWidth: sw, inHeight, inWidth } = info;
  const rows = Math.ceil(inHeight / sh);
  const cols = Math.ceil(inWidth / sw);
  const spread: TensorInfo[] = [];
  for (let a = 0; a < sh; a++) {
    for (let c = 0; c < sw; c++) {
      const rowPhase = axisPhase(a, sh, info.filterHeight, info.padInfo.top, info.outHeight, rows);
      const colPhase = axisPhase(c, sw, info.filterWidth, info.padInfo.left, info.outWidth, cols);
      if (rowPhase.taps === 0 || colPhase.taps === 0) continue; // these pixels get no gradient
      const phase = phaseOutput(calls, dy, filter, rowPhase, colPhase, [sh, sw]);
      if (sh === 1 && sw === 1) return phase;
      spread.push(spreadOnGrid(calls, phase, sh, sw, a, c));
    }
  }
  const interleaved = spread.length === 1 ? spread[0] : calls.run('AddN', spread);
  return padOrCrop(calls, interleaved, inHeight - rows * sh, inWidth - cols * sw);
}

/**
 * dx is the full correlation of dy with the flipped, transposed filter, split into phases
 * for strides above 1. A 1x1 filter is applied to dy first and its result spread with
 * zeros, which needs no phases.
 */
function conv2dBackpropInput(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { dy: givenDy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  const info = nhwcConvInfo(Conv2DBackpropInput, attrs.inputShape, filter.shape as [number, number, number, number], attrs);
  const calls = new WasmCalls(args.backend);
  const dy = impliedDy(calls, givenDy, info, Conv2DBackpropInput);
  if (info.filterHeight > 1 || info.filterWidth > 1) return calls.finish(viaPhases(calls, dy, filter, info));

  const { top, left } = info.padInfo;
  const transposed = calls.transpose(filter, [0, 1, 3, 2]);
  const projected = calls.run('Conv2D', { x: dy, filter: transposed }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 });
  const spread = spreadOnGrid(calls, projected, info.strideHeight, info.strideWidth);
  const shifted =
    top > 0 || left > 0 ? calls.run('Slice', { x: spread }, { begin: [0, top, left, 0], size: [-1, -1, -1, -1] }) : spread;
  return calls.finish(padOrCrop(calls, shifted, info.inHeight - shifted.shape[1], info.inWidth - shifted.shape[2]));
}

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as KernelFunc,
};
