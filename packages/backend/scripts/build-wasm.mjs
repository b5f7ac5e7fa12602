// Assembles each of our .wat modules (scripts/assemble-wat.mjs) into a generated .ts beside it
// (base64, a variant importing shared memory, for threads, and one importing plain memory). The
// output is committed, so installing needs no assembler; a test fails when it no longer matches
// the .wat. Run after editing a .wat:
//
//   pnpm --filter @resnet/backend build:wasm
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleWat, WASM_MODULES } from './assemble-wat.mjs';

const base64 = (bytes) => Buffer.from(bytes).toString('base64');
for (const [name, { wat, out }] of Object.entries(WASM_MODULES)) {
  const file = fileURLToPath(new URL(`../src/${out}`, import.meta.url));
  const { shared, unshared } = await assembleWat(name);
  fs.writeFileSync(
    `${file}.tmp`,
    `// Generated from ${path.basename(wat)} by scripts/build-wasm.mjs; do not edit.\n` +
      `export const ${name}Wasm = {\n` +
      `  shared: '${base64(shared)}',\n` +
      `  unshared: '${base64(unshared)}',\n` +
      `};\n`,
  );
  fs.renameSync(`${file}.tmp`, file);
  console.log(`wrote ${file} (${shared.length} + ${unshared.length} bytes of wasm)`);
}
