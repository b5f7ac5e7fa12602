/** Our WebAssembly modules: their .wat source and the generated .ts, under src/. */
export const WASM_MODULES: Record<'filterGrad' | 'batchNorm' | 'maxPoolGrad', { wat: string; out: string; unshared: string }>;

/** One module assembled twice: importing shared memory, and importing plain memory. */
export function assembleWat(name: keyof typeof WASM_MODULES): Promise<{ shared: Uint8Array; unshared: Uint8Array }>;
