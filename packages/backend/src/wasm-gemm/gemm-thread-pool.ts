import { gemmRuntime, type GemmCall, type GemmThreadPool } from './gemm-runtime.js';
import {
  ARG_COUNT,
  awaitChange,
  ARGS,
  DONE,
  FAILED,
  FUNCTION,
  GATE,
  GATE_CLOSED,
  GATE_COUNT,
  GEMM_FUNCTIONS,
  GENERATION,
  MAX_ARGS,
  openGate,
  PER_THREAD_ARG,
  PER_THREAD_STRIDE,
  type GemmThreadInit,
} from './gemm-thread.js';

/** What a platform's worker must do for the pool: start with `init`, resolve once it runs. */
export type StartGemmWorker = (init: GemmThreadInit) => Promise<{ terminate(): unknown }>;

/**
 * Starts `threads - 1` workers (gemm-thread.js) on the runtime's shared memory (tfjs's heap)
 * beside the calling thread. A call is posted by bumping a generation counter; the caller then
 * runs its own share, closes the call to workers that have not joined it yet, and waits (polling,
 * then Atomics.wait) until every worker that joined has counted itself done.
 */
export async function startGemmThreadPool(threads: number, startWorker: StartGemmWorker): Promise<GemmThreadPool> {
  const { module, memory, shared, warmUpAt } = gemmRuntime();
  if (!shared) throw new Error("GEMM threads need tfjs's threaded wasm build, whose heap is shared memory");
  const control = new Int32Array(new SharedArrayBuffer((ARGS + MAX_ARGS) * 4));
  const started = await Promise.allSettled(
    Array.from({ length: threads - 1 }, (_, i) => startWorker({ module, memory, control: control.buffer, index: i + 1, warmUpAt })),
  );
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure !== undefined) {
    for (const worker of workers) worker.terminate();
    throw failure.reason;
  }
  return {
    threads,
    start({ fn, args, perThread }: GemmCall) {
      if (args.length > MAX_ARGS) throw new Error(`${fn}: ${args.length} arguments, more than the ${MAX_ARGS} a GEMM thread takes`);
      control[FUNCTION] = GEMM_FUNCTIONS.indexOf(fn);
      control[ARG_COUNT] = args.length;
      control[PER_THREAD_ARG] = perThread?.arg ?? -1;
      control[PER_THREAD_STRIDE] = perThread?.stride ?? 0;
      control.set(args, ARGS);
      Atomics.store(control, DONE, 0);
      Atomics.store(control, FAILED, 0);
      const generation = (control[GENERATION] + 1) | 0;
      Atomics.store(control, GATE, openGate(generation));
      Atomics.store(control, GENERATION, generation);
      Atomics.notify(control, GENERATION);
    },
    wait() {
      // Workers that have not entered by now find the call over: the caller's share took every claim left.
      const entered = Atomics.or(control, GATE, GATE_CLOSED) & GATE_COUNT;
      for (let done = Atomics.load(control, DONE); done < entered; done = Atomics.load(control, DONE)) {
        awaitChange(control, DONE, done);
      }
      const failed = Atomics.load(control, FAILED);
      if (failed !== 0) throw new Error(`GEMM thread ${failed} failed (its error is printed above)`);
    },
    close() {
      for (const worker of workers) worker.terminate();
    },
  };
}
