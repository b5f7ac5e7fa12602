// One thread of our wasm GEMM, for Node's worker_threads (src/node/gemm-worker.mjs) and browser
// module workers (gemm-browser-worker.js) alike; plain JavaScript, so both load it as it is.
// The main side is gemm-thread-pool.ts: it posts a call by writing its arguments and bumping
// GENERATION, then waits until DONE counts every worker.

/** Layout of the control words (Int32Array over a SharedArrayBuffer). */
export const GENERATION = 0;
export const DONE = 1;
export const FAILED = 2;
export const ARGS = 3;
export const ARG_COUNT = 15;

/**
 * A long first call would run entirely in V8's baseline tier, several times slower: small
 * calls first make V8 compile the optimized code before real work arrives. They read zeros
 * and write 256 bytes (and a counter) at 32 KiB + 1 KiB * thread, all in the memory's first
 * page, which callers leave to this.
 */
export function warmUp(filterGrad, memory, thread) {
  const out = 32768 + 1024 * thread;
  const counter = new Int32Array(memory.buffer, out + 512, 1);
  for (let i = 0; i < 100; i++) {
    counter[0] = 0;
    filterGrad(0, 1, 0, out, out + 512, 1, 1, 8, 8, 8, 0, 256, 8, 8);
  }
}

/**
 * Instantiates the module on the shared memory, warms it up, calls `ready`, then runs its
 * share of every call, recording a failure instead of dying silently. Never returns.
 */
export function serveGemmCalls({ module, memory, control: buffer, index }, ready) {
  const { filterGrad } = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(buffer);
  warmUp(filterGrad, memory, index);
  ready();
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    seen = Atomics.load(control, GENERATION);
    const [tapPtrs, taps, dy, out, outStride, ...rest] = control.subarray(ARGS, ARGS + ARG_COUNT);
    try {
      filterGrad(tapPtrs, taps, dy, out + index * outStride, ...rest);
    } catch (error) {
      Atomics.store(control, FAILED, index);
      console.error(`@resnet/backend GEMM thread ${index}:`, error);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}
