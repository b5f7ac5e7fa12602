// One thread of our wasm GEMMs, for Node's worker_threads (src/node/gemm-worker.mjs) and browser
// module workers (gemm-browser-worker.js) alike; plain JavaScript, so both load it as it is.
// The main side is gemm-thread-pool.ts: it posts a call by writing its function and arguments
// and bumping GENERATION, then waits until DONE counts every worker.

/** The functions of gemm.wat that threads run, by their index in the FUNCTION control word. */
export const GEMM_FUNCTIONS = ['filterGrad', 'winogradInput', 'winogradGemm', 'winogradOutput', 'winogradDy'];

/** Layout of the control words (Int32Array over a SharedArrayBuffer). */
export const GENERATION = 0;
export const DONE = 1;
export const FAILED = 2;
export const FUNCTION = 3;
export const ARG_COUNT = 4;
/** The argument that differs by thread (-1: none): thread i passes it plus i * PER_THREAD_STRIDE. */
export const PER_THREAD_ARG = 5;
export const PER_THREAD_STRIDE = 6;
export const ARGS = 7;
export const MAX_ARGS = 16;

/**
 * A long first call would run entirely in V8's baseline tier, several times slower: small
 * calls first make V8 compile the optimized code before real work arrives. They read the
 * zeros of the memory's first 4 KiB and write in 4 KiB at 32 KiB + 4 KiB * thread (8 threads
 * at most), all in the first page, which callers leave to this.
 */
export function warmUp(gemm, memory, thread) {
  const slot = 32768 + 4096 * thread;
  const counter = slot + 4080;
  const counterWord = new Int32Array(memory.buffer, counter, 1);
  const calls = [
    () => gemm.filterGrad(0, 1, 0, slot, counter, 1, 1, 8, 8, 8, 0, 256, 8, 8),
    // One 2x2 tile of 4 channels from a 4x4 window; its 16 x 4 values 16 bytes apart.
    () => gemm.winogradInput(0, slot + 3328, 1, 1, 1, 256, 64, 4, 16, counter, 1),
    () => gemm.winogradGemm(0, 0, slot + 1024, 4, 4, 8, counter, 4),
    () => gemm.winogradOutput(0, slot + 3072, 1, 1, 1, 2, 2, 8, 32, counter, 1),
    () => gemm.winogradDy(0, slot + 3328, 1, 1, 1, 2, 2, 8, 32, counter, 1),
  ];
  for (const call of calls) {
    for (let i = 0; i < 100; i++) {
      counterWord[0] = 0;
      call();
    }
  }
}

/**
 * Instantiates the module on the shared memory, warms it up, calls `ready`, then runs its
 * share of every call, recording a failure instead of dying silently. Never returns.
 */
export function serveGemmCalls({ module, memory, control: buffer, index }, ready) {
  const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(buffer);
  warmUp(gemm, memory, index);
  ready();
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    seen = Atomics.load(control, GENERATION);
    const args = Array.from(control.subarray(ARGS, ARGS + control[ARG_COUNT]));
    if (control[PER_THREAD_ARG] >= 0) args[control[PER_THREAD_ARG]] += index * control[PER_THREAD_STRIDE];
    try {
      gemm[GEMM_FUNCTIONS[control[FUNCTION]]](...args);
    } catch (error) {
      Atomics.store(control, FAILED, index);
      console.error(`@resnet/backend GEMM thread ${index}:`, error);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}
