// The script each pthread of tfjs's threaded wasm build runs in under Node.
// tfjs hands emscripten this code as a blob: URL, which worker_threads cannot load; we
// run the same code from a file, and load the module factory from the package, since the
// worker cannot read the Blob the main thread posts synchronously. Both come in by static
// imports, so that a bundler (the benchmarks' GPU bundle) takes them along.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import threadedSimdFactory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import workerScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';

// emscripten's worker code expects CommonJS globals.
globalThis.require = createRequire(import.meta.url);
globalThis.__filename = fileURLToPath(import.meta.url);
// tfjs escapes newlines the same way before it makes its Blob: the source holds "\n" in strings.
(0, eval)(workerScript.wasmWorkerContents.replace(/\n/g, '\\n'));

// Called once with the object URL of the main thread's factory Blob; the package's copy is the same code.
globalThis.importScripts = () => {
  globalThis.WasmBackendModuleThreadedSimd = threadedSimdFactory;
};
