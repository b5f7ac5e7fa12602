import { setupBrowserBackend, type BackendSelection, type BrowserBackendChoice } from '@resnet/backend';
import '@tensorflow/tfjs-backend-webgpu';
import simdThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';

/** The .wasm files Vite emits with the app, so nothing is fetched from a CDN. */
const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': simdThreadedUrl,
};

/** Starts the chosen backend (or the best one, for `auto`) in this worker. */
export function startBackend(choice: BrowserBackendChoice): Promise<BackendSelection> {
  return setupBrowserBackend(choice, { wasmPaths: WASM_PATHS });
}
