// One thread of our wasm GEMMs, for Node's worker_threads (src/node/gemm-worker.mjs) and browser
// module workers (gemm-browser-worker.js) alike; plain JavaScript, so both load it as it is.
// The main side is gemm-thread-pool.ts: it posts a call by writing its function and arguments,
// opening GATE and bumping GENERATION; once its own share is done it closes GATE and waits
// until DONE counts every worker that entered before it closed.

/** The functions of gemm.wat that threads run, by their index in the FUNCTION control word. */
export const GEMM_FUNCTIONS = [
  'filterGrad',
  'winogradFilter',
  'winogradFilterGradient',
  'winogradGrid',
  'winogradInput',
  'winogradGemm',
  'winogradOutput',
  'winogradDy',
];

/** Layout of the control words (Int32Array over a SharedArrayBuffer). */
export const GENERATION = 0;
export const DONE = 1;
export const FAILED = 2;
export const FUNCTION = 3;
export const ARG_COUNT = 4;
/** The argument that differs by thread (-1: none): thread i passes it plus i * PER_THREAD_STRIDE. */
export const PER_THREAD_ARG = 5;
export const PER_THREAD_STRIDE = 6;
/**
 * Who takes part in the current call: its generation's low 15 bits (bits 16-30), CLOSED, and
 * the count of workers that entered. The caller takes every claim a late worker would have
 * taken, so when it is done it closes the gate: a worker that wakes after that (on a busy
 * VM, often several milliseconds after the call was posted) skips the call instead of
 * making the caller wait for it.
 */
export const GATE = 7;
export const GATE_CLOSED = 1 << 15;
export const GATE_COUNT = GATE_CLOSED - 1;
export const ARGS = 8;
export const MAX_ARGS = 16;

/**
 * How long a thread polls before it sleeps in Atomics.wait, in ms. Calls come in runs (a
 * convolution's passes back to back, microseconds apart); waking from Atomics.wait costs far
 * more on a busy VM, so a thread that just finished polls briefly for the next call (or, on
 * the caller's side, for the others to finish) first.
 */
export const POLL_MS = 0.1;

/** The gate of a call of this generation, open, nobody in. */
export function openGate(generation) {
  return (generation & 0x7fff) << 16;
}

/** Enters the call of this generation if its gate is still open; false if it closed or moved on. */
function enter(control, generation) {
  const open = openGate(generation);
  for (;;) {
    const gate = Atomics.load(control, GATE);
    if ((gate & ~GATE_COUNT) !== open) return false;
    if (Atomics.compareExchange(control, GATE, gate, gate + 1) === gate) return true;
  }
}

/** Returns once control[word] differs from `value`: polling for POLL_MS, then sleeping. */
export function awaitChange(control, word, value) {
  const until = performance.now() + POLL_MS;
  while (Atomics.load(control, word) === value) {
    if (performance.now() > until) {
      Atomics.wait(control, word, value);
      return;
    }
  }
}

/** The zeroed block of the heap that warmUp works in: 4 KiB read by every thread, 4 KiB written by each of 8 at most. */
export const WARM_UP_BYTES = 65536;

/**
 * A long first call would run entirely in V8's baseline tier, several times slower: small
 * calls first make V8 compile the optimized code before real work arrives. They read the
 * zeros of the block's first 4 KiB (at byte `block`) and write in its 4 KiB at
 * 32 KiB + 4 KiB * thread.
 */
export function warmUp(gemm, memory, thread, block) {
  const slot = block + 32768 + 4096 * thread;
  const counter = slot + 4080;
  const words = new Int32Array(memory.buffer, counter, 2);
  // filterGrad's table of one tap: x at the block's zeros.
  words[1] = block;
  const calls = [
    () => gemm.filterGrad(counter + 4, 1, block, slot, counter, 1, 1, 8, 8, 8, 0, 256, 8, 8),
    // 4 filters' 9 taps to 16, and 16 sums of 2 copies back to 9.
    () => gemm.winogradFilter(block, slot + 2048, 4, counter, 4),
    () => gemm.winogradFilterGradient(block, slot + 2048, 4, 2, 256, counter, 4),
    // Two grid rows of 64 bytes: one of zeros above x's one row of 32 bytes, 16 bytes in.
    () => gemm.winogradGrid(block, slot + 3328, 2, 2, 64, 1, 32, 1, 16, counter, 1),
    // One 2x2 tile of 4 channels from a 4x4 window; its 16 x 4 values 16 bytes apart.
    () => gemm.winogradInput(block, slot + 3328, 1, 1, 1, 256, 64, 4, 16, counter, 1),
    () => gemm.winogradGemm(block, block, slot + 1024, 4, 4, 8, counter, 4),
    // With the block's zeros as the bias, and ReLU.
    () => gemm.winogradOutput(block, slot + 3072, 1, 1, 1, 2, 2, 8, 32, block, 1, counter, 1),
    () => gemm.winogradDy(block, slot + 3328, 1, 1, 1, 2, 2, 8, 32, counter, 1),
  ];
  for (const call of calls) {
    for (let i = 0; i < 100; i++) {
      words[0] = 0;
      call();
    }
  }
}

/**
 * Instantiates the module on the shared memory (tfjs's heap), warms it up, calls `ready`, then runs its
 * share of every call, recording a failure instead of dying silently. Never returns.
 */
export function serveGemmCalls({ module, memory, control: buffer, index, warmUpAt }, ready) {
  const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const control = new Int32Array(buffer);
  warmUp(gemm, memory, index, warmUpAt);
  ready();
  let seen = 0;
  for (;;) {
    awaitChange(control, GENERATION, seen);
    seen = Atomics.load(control, GENERATION);
    if (!enter(control, seen)) continue;
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
