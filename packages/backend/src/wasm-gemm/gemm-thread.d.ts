export declare const GEMM_FUNCTIONS: readonly GemmFunction[];
export declare const GENERATION: number;
export declare const DONE: number;
export declare const FAILED: number;
export declare const FUNCTION: number;
export declare const ARG_COUNT: number;
export declare const PER_THREAD_ARG: number;
export declare const PER_THREAD_STRIDE: number;
export declare const GATE: number;
export declare const GATE_CLOSED: number;
export declare const GATE_COUNT: number;
export declare const ARGS: number;
export declare const MAX_ARGS: number;
export declare const POLL_MS: number;

export interface GemmThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1 .. threads - 1; the calling thread is 0. */
  index: number;
  /** Byte offset of the zeroed block of WARM_UP_BYTES that warmUp works in. */
  warmUpAt: number;
}

/** The exported functions of gemm.wat; their parameters are listed there. */
export type GemmFunction =
  | 'filterGrad'
  | 'winogradFilter'
  | 'winogradFilterGradient'
  | 'winogradGrid'
  | 'winogradInput'
  | 'winogradGemm'
  | 'winogradOutput'
  | 'winogradDy';
export type GemmExports = Record<GemmFunction, (...args: number[]) => void>;

export declare const WARM_UP_BYTES: number;

export declare function warmUp(gemm: GemmExports, memory: WebAssembly.Memory, thread: number, block: number): void;

export declare function openGate(generation: number): number;

export declare function awaitChange(control: Int32Array, word: number, value: number): void;

export declare function serveGemmCalls(init: GemmThreadInit, ready: () => void): never;
