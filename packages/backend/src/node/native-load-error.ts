/** The npm packages that bring libtensorflow; both register the backend `tensorflow`. */
export type NativePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

const CUDA_LIBRARY = /lib(?:cudart|cudnn|cublas|cublasLt|cufft|curand|cusolver|cusparse|nvinfer)\.so[\w.]*/;
const LIBTENSORFLOW = /libtensorflow(?:_framework)?\.so[\w.]*/;

/** Says in one line why importing a native package failed, and what would fix it. */
export function describeNativeLoadError(pkg: NativePackage, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(pkg)) {
    return `not installed (${pkg} is optional: it downloads libtensorflow when installed)`;
  }
  const cuda = CUDA_LIBRARY.exec(message);
  if (cuda !== null) return `CUDA library missing: ${cuda[0]} (install CUDA and cuDNN for TensorFlow's GPU build)`;
  const libtensorflow = LIBTENSORFLOW.exec(message);
  if (libtensorflow !== null) return `libtensorflow missing: ${libtensorflow[0]} was not downloaded at install`;
  if (message.includes('tfjs_binding.node')) {
    return `native binding missing: ${pkg}'s install script did not build it ` +
      '(pnpm runs it only when allowed by onlyBuiltDependencies; it downloads libtensorflow from storage.googleapis.com)';
  }
  return `failed to load: ${message.split('\n')[0]}`;
}
