import fs from 'node:fs/promises';
import wabtInit from 'wabt';

const SHARED_IMPORT = '(memory 1 65536 shared)';

/**
 * Our WebAssembly modules (src/<file>.wat), each assembled twice: importing shared memory
 * (threads), and importing plain memory, as `unshared` declares it.
 */
export const WASM_MODULES = {
  // All three on tfjs's heap, whose single-threaded build may set no maximum: declare none.
  gemm: { wat: 'wasm-gemm/gemm.wat', out: 'wasm-gemm/gemm-wasm.ts', unshared: '(memory 1)' },
  batchNorm: { wat: 'wasm-batch-norm/batch-norm.wat', out: 'wasm-batch-norm/batch-norm-wasm.ts', unshared: '(memory 1)' },
  maxPoolGrad: { wat: 'wasm-pool/max-pool-grad.wat', out: 'wasm-pool/max-pool-grad-wasm.ts', unshared: '(memory 1)' },
};

/** One module of WASM_MODULES, assembled: { shared, unshared } bytes. */
export async function assembleWat(name) {
  const { wat: file, unshared } = WASM_MODULES[name];
  const wat = await fs.readFile(new URL(`../src/${file}`, import.meta.url), 'utf8');
  if (!wat.includes(SHARED_IMPORT)) throw new Error(`${file}: expected the import ${SHARED_IMPORT}`);
  const wabt = await wabtInit();
  const assemble = (text) => {
    const module = wabt.parseWat(file, text, { simd: true, threads: true, bulk_memory: true });
    try {
      // Not module.validate(): it ignores the features given to parseWat. V8 validates on compile.
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  return { shared: assemble(wat), unshared: assemble(wat.replace(SHARED_IMPORT, unshared)) };
}
