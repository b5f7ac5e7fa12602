import fs from 'node:fs/promises';
import wabtInit from 'wabt';

const SHARED_IMPORT = '(memory 1 65536 shared)';

/** filter-grad.wat assembled twice: importing shared memory, and importing plain memory. */
export async function assembleFilterGrad() {
  const wat = await fs.readFile(new URL('../src/wasm-gemm/filter-grad.wat', import.meta.url), 'utf8');
  if (!wat.includes(SHARED_IMPORT)) throw new Error(`filter-grad.wat: expected the import ${SHARED_IMPORT}`);
  const wabt = await wabtInit();
  const assemble = (text) => {
    const module = wabt.parseWat('filter-grad.wat', text, { simd: true, threads: true });
    try {
      // Not module.validate(): it ignores the features given to parseWat. V8 validates on compile.
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  return { shared: assemble(wat), unshared: assemble(wat.replace(SHARED_IMPORT, '(memory 1 65536)')) };
}
