import fs from 'node:fs/promises';
import wabtInit from 'wabt';

const SHARED_IMPORT = '(memory 1 65536 shared)';

/**
 * Our WebAssembly modules (src/<file>.wat), each assembled twice: importing shared memory
 * (threads), and importing plain memory, as `unshared` declares it. `fused`: also a variant
 * with every multiply-add of the form `(f32x4.add (local.get $acc) (f32x4.mul (local.get $a)
 * (local.get $b)))` as one relaxed-SIMD `f32x4.relaxed_madd` (an FMA instruction where the CPU
 * has one: the GEMM's inner loops), for engines that have relaxed SIMD.
 */
export const WASM_MODULES = {
  // All four on tfjs's heap, whose single-threaded build may set no maximum: declare none.
  gemm: { wat: 'wasm-gemm/gemm.wat', out: 'wasm-gemm/gemm-wasm.ts', unshared: '(memory 1)', fused: true },
  batchNorm: { wat: 'wasm-batch-norm/batch-norm.wat', out: 'wasm-batch-norm/batch-norm-wasm.ts', unshared: '(memory 1)', fused: false },
  maxPoolGrad: { wat: 'wasm-pool/max-pool-grad.wat', out: 'wasm-pool/max-pool-grad-wasm.ts', unshared: '(memory 1)', fused: false },
  elementwise: { wat: 'wasm-elementwise/elementwise.wat', out: 'wasm-elementwise/elementwise-wasm.ts', unshared: '(memory 1)', fused: false },
};

const MULTIPLY_ADD = /\(f32x4\.add \(local\.get (\$\w+)\) \(f32x4\.mul \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)\)/g;

/** The text with each multiply-add of locals fused (see WASM_MODULES); throws where it finds none. */
export function fuseMultiplyAdds(file, wat) {
  let count = 0;
  const fused = wat.replace(MULTIPLY_ADD, (_, acc, a, b) => {
    count++;
    return `(f32x4.relaxed_madd (local.get ${a}) (local.get ${b}) (local.get ${acc}))`;
  });
  if (count === 0) throw new Error(`${file}: expected multiply-adds (f32x4.add (local.get $acc) (f32x4.mul (local.get $a) (local.get $b))) to fuse, found none`);
  return fused;
}

/** One module of WASM_MODULES, assembled: { shared, unshared } bytes, and `fused: { shared, unshared }` where declared. */
export async function assembleWat(name) {
  const { wat: file, unshared, fused } = WASM_MODULES[name];
  const wat = await fs.readFile(new URL(`../src/${file}`, import.meta.url), 'utf8');
  if (!wat.includes(SHARED_IMPORT)) throw new Error(`${file}: expected the import ${SHARED_IMPORT}`);
  const wabt = await wabtInit();
  const assemble = (text) => {
    const module = wabt.parseWat(file, text, { simd: true, threads: true, bulk_memory: true, relaxed_simd: true });
    try {
      // Not module.validate(): it ignores the features given to parseWat. V8 validates on compile.
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  const both = (text) => ({ shared: assemble(text), unshared: assemble(text.replace(SHARED_IMPORT, unshared)) });
  return fused ? { ...both(wat), fused: both(fuseMultiplyAdds(file, wat)) } : both(wat);
}
