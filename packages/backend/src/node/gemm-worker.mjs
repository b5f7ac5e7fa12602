// A worker_threads worker running one thread of our wasm GEMM (see ../wasm-gemm/gemm-thread.js).
import { parentPort, workerData } from 'node:worker_threads';
import { serveGemmCalls } from '../wasm-gemm/gemm-thread.js';

serveGemmCalls(workerData, () => parentPort.postMessage('ready'));
