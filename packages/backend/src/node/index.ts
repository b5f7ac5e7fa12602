export {
  releaseNodeBackend,
  setupNodeBackend,
  type NodeBackendChoice,
  type NodeBackendOptions,
} from './setup-node-backend.js';
export type { ImportModule } from './native-backend.js';
export { MAX_WASM_THREADS } from '../max-wasm-threads.js';
