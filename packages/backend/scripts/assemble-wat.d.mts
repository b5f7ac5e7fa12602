/** Our WebAssembly modules: their .wat source, the generated .ts (under src/), and whether a fused-multiply-add variant is made. */
export const WASM_MODULES: Record<'gemm' | 'batchNorm' | 'maxPoolGrad', { wat: string; out: string; unshared: string; fused: boolean }>;

/** A module's two builds: importing shared memory, and importing plain memory. */
export interface AssembledWasm {
  shared: Uint8Array;
  unshared: Uint8Array;
}

/** The text with each multiply-add of locals fused into f32x4.relaxed_madd; throws where it finds none. */
export function fuseMultiplyAdds(file: string, wat: string): string;

/** One module assembled: both builds, and both of its fused variant where WASM_MODULES declares one. */
export function assembleWat(name: keyof typeof WASM_MODULES): Promise<AssembledWasm & { fused?: AssembledWasm }>;
