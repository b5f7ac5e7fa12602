import { registerWasmTrainingKernels } from '@resnet/backend';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import simdThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';

/**
 * Points the wasm backend at the .wasm files Vite emits with the app (so nothing is fetched
 * from a CDN) and adds the training kernels the stock backend lacks.
 */
export function prepareWasmBackend(): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': simdThreadedUrl,
  });
  registerWasmTrainingKernels();
}
