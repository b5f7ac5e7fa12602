// Assembles each of our .wat modules (scripts/assemble-wat.mjs) into a generated .ts beside it
// (base64, a variant importing shared memory, for threads, and one importing plain memory; the
// same two with fused multiply-adds where declared). The output is committed, so installing
// needs no assembler; a test fails when it no longer matches the .wat. Run after editing a .wat:
//
//   pnpm --filter @resnet/backend build:wasm
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleWat, WASM_MODULES } from './assemble-wat.mjs';

const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const builds = ({ shared, unshared }, indent) => `${indent}shared: '${base64(shared)}',\n${indent}unshared: '${base64(unshared)}',\n`;
for (const [name, { wat, out }] of Object.entries(WASM_MODULES)) {
  const file = fileURLToPath(new URL(`../src/${out}`, import.meta.url));
  const assembled = await assembleWat(name);
  const fused = assembled.fused === undefined ? '' : `  fused: {\n${builds(assembled.fused, '    ')}  },\n`;
  fs.writeFileSync(
    `${file}.tmp`,
    `// Generated from ${path.basename(wat)} by scripts/build-wasm.mjs; do not edit.\n` +
      `export const ${name}Wasm = {\n${builds(assembled, '  ')}${fused}};\n`,
  );
  fs.renameSync(`${file}.tmp`, file);
  const sizes = ({ shared, unshared }) => `${shared.length} + ${unshared.length}`;
  console.log(`wrote ${file} (${sizes(assembled)} bytes of wasm${assembled.fused ? `; fused: ${sizes(assembled.fused)}` : ''})`);
}
