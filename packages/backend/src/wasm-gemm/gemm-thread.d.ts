export declare const GENERATION: number;
export declare const DONE: number;
export declare const FAILED: number;
export declare const ARGS: number;
export declare const ARG_COUNT: number;

export interface GemmThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1 .. threads - 1; the calling thread is 0. */
  index: number;
}

export type FilterGrad = (
  tapPtrs: number,
  taps: number,
  dy: number,
  out: number,
  counter: number,
  claims: number,
  blocksPerImage: number,
  blockRows: number,
  imageRows: number,
  rowLen: number,
  xImageStride: number,
  xRowStride: number,
  cin: number,
  cout: number,
) => void;

export declare function warmUp(filterGrad: FilterGrad, memory: WebAssembly.Memory, thread: number): void;

export declare function serveGemmCalls(init: GemmThreadInit, ready: () => void): never;
