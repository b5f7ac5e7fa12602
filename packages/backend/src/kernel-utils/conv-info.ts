import { backend_util, type Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs';

type Shape4D = [number, number, number, number];
export type ConvInfo = backend_util.Conv2DInfo;
type ConvAttrs = Pick<Conv2DBackpropFilterAttrs, 'strides' | 'pad' | 'dataFormat' | 'dimRoundingMode'>;

/** The geometry of a conv gradient kernel's convolution (no dilation), in either data format. */
export function convInfo(inputShape: Shape4D, filterShape: Shape4D, { strides, pad, dataFormat, dimRoundingMode }: ConvAttrs): ConvInfo {
  return backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
}

/** The convolution's geometry for a wasm conv gradient kernel, which handles NHWC only. */
export function nhwcConvInfo(kernelName: string, inputShape: Shape4D, filterShape: Shape4D, attrs: ConvAttrs): ConvInfo {
  const info = convInfo(inputShape, filterShape, attrs);
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`${kernelName} on wasm supports dataFormat 'NHWC' only, got '${attrs.dataFormat}'`);
  }
  return info;
}
