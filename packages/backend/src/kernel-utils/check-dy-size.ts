import type { TensorInfo } from '@tensorflow/tfjs';

/**
 * A dy at least as large as the input shape, strides and padding imply: tfjs takes dy as given
 * (tf.conv2dTranspose accepts any output shape) and reads only its top-left outHeight x outWidth;
 * a smaller one has no defined gradient. Every backend's kernel checks it the same way.
 */
export function checkDySize(dy: TensorInfo, info: { outHeight: number; outWidth: number }, kernelName: string): void {
  const [, height, width] = dy.shape;
  const { outHeight, outWidth } = info;
  if (height < outHeight || width < outWidth) {
    throw new Error(
      `${kernelName}: dy is ${height}x${width}, smaller than the ${outHeight}x${outWidth} that the input shape, strides and padding imply`,
    );
  }
}
