// Assembles src/wasm-gemm/filter-grad.wat into src/wasm-gemm/filter-grad-wasm.ts (base64, in a
// variant that imports shared memory, for threads, and one that imports plain memory, for pages
// without cross-origin isolation). The output is committed, so installing needs no assembler;
// a test fails when it no longer matches the .wat. Run after editing the .wat:
//
//   pnpm --filter @resnet/backend build:wasm
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleFilterGrad } from './assemble-wat.mjs';

const out = fileURLToPath(new URL('../src/wasm-gemm/filter-grad-wasm.ts', import.meta.url));
const { shared, unshared } = await assembleFilterGrad();
const base64 = (bytes) => Buffer.from(bytes).toString('base64');
fs.writeFileSync(
  `${out}.tmp`,
  `// Generated from filter-grad.wat by scripts/build-wasm.mjs; do not edit.\n` +
    `export const filterGradWasm = {\n` +
    `  shared: '${base64(shared)}',\n` +
    `  unshared: '${base64(unshared)}',\n` +
    `};\n`,
);
fs.renameSync(`${out}.tmp`, out);
console.log(`wrote ${out} (${shared.length} + ${unshared.length} bytes of wasm)`);
