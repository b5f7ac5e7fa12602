/* global self */
// A browser module worker running one thread of our wasm GEMM (see gemm-thread.js); its
// first message carries the module, the shared memory and the control words.
import { serveGemmCalls } from './gemm-thread.js';

self.onmessage = (event) => {
  self.onmessage = null;
  serveGemmCalls(event.data, () => self.postMessage('ready'));
};
