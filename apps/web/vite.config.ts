import { defineConfig } from 'vite';
import { forbidNodeModules } from './build/forbid-node-modules.js';

/** Cross-origin isolation: lets the wasm backend use threads (SharedArrayBuffer). */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  // No SPA fallback: a missing file (say, config.json beside model.json) must be a 404, not index.html.
  appType: 'mpa',
  plugins: [forbidNodeModules()],
  worker: { format: 'es', plugins: () => [forbidNodeModules()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
});
