export declare const GEMM_FUNCTIONS: readonly GemmFunction[];
export declare const GENERATION: number;
export declare const DONE: number;
export declare const FAILED: number;
export declare const FUNCTION: number;
export declare const ARG_COUNT: number;
export declare const PER_THREAD_ARG: number;
export declare const PER_THREAD_STRIDE: number;
export declare const ARGS: number;
export declare const MAX_ARGS: number;

export interface GemmThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1 .. threads - 1; the calling thread is 0. */
  index: number;
}

/** The exported functions of gemm.wat; their parameters are listed there. */
export type GemmFunction = 'filterGrad' | 'winogradInput' | 'winogradGemm' | 'winogradOutput' | 'winogradDy';
export type GemmExports = Record<GemmFunction, (...args: number[]) => void>;

export declare function warmUp(gemm: GemmExports, memory: WebAssembly.Memory, thread: number): void;

export declare function serveGemmCalls(init: GemmThreadInit, ready: () => void): never;
