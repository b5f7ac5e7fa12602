// One thread of @resnet/backend's wasm GEMM (see gemm-workers.ts): instantiates the module on
// the shared memory, says so, then runs its share of each call the main thread posts in
// `control` and counts itself done, recording a failure instead of dying silently.
import { parentPort, workerData } from 'node:worker_threads';

const { module, memory, control: buffer, index } = workerData;
const { filterGrad } = new WebAssembly.Instance(module, { env: { memory } }).exports;
// Layout shared with gemm-workers.ts.
const GENERATION = 0;
const DONE = 1;
const FAILED = 2;
const ARGS = 3;
const control = new Int32Array(buffer);
// As gemm-runtime.ts's warmUp, in this thread's own scratch: V8 optimizes before real work.
for (let i = 0; i < 100; i++) filterGrad(0, 1, 0, 32768 + 1024 * index, 64, 64, 0, 1, 8, 8);
parentPort.postMessage('ready');

let seen = 0;
for (;;) {
  Atomics.wait(control, GENERATION, seen);
  seen = Atomics.load(control, GENERATION);
  const [tapPtrs, taps, dy, out, outStride, positions, chunk, step, cin, cout] = control.subarray(ARGS, ARGS + 10);
  try {
    filterGrad(tapPtrs, taps, dy, out + index * outStride, positions, chunk, index, step, cin, cout);
  } catch (error) {
    Atomics.store(control, FAILED, index);
    console.error(`@resnet/backend GEMM thread ${index}:`, error);
  }
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
