import { backend_util, type Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs';

type Shape4D = [number, number, number, number];
export type ConvInfo = backend_util.Conv2DInfo;
type ConvAttrs = Pick<Conv2DBackpropFilterAttrs, 'strides' | 'pad' | 'dataFormat' | 'dimRoundingMode'>;

/** The convolution's geometry for a conv gradient kernel; our kernels handle NHWC only. */
export function nhwcConvInfo(
  kernelName: string,
  inputShape: Shape4D,
  filterShape: Shape4D,
  { strides, pad, dataFormat, dimRoundingMode }: ConvAttrs,
): ConvInfo {
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`${kernelName} on wasm supports dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  return info;
}
