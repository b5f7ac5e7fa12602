// tsc compiles TypeScript only: the build copies the plain-JavaScript worker files (and the
// declarations beside them) into dist, where the compiled code loads them.
import fs from 'node:fs';

const files = [
  'node/wasm-thread-worker.mjs',
  'node/gemm-worker.mjs',
  'wasm-gemm/gemm-thread.js',
  'wasm-gemm/gemm-thread.d.ts',
  'wasm-gemm/gemm-browser-worker.js',
];
for (const file of files) fs.cpSync(new URL(`../src/${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url));
