import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
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
  plugins: [
    forbidNodeModules(),
    // The trained model the repository ships (models/<name>/), loaded by the page at start (served in dev too).
    viteStaticCopy({ targets: [{ src: '../../models/*', dest: 'models' }] }),
  ],
  worker: { format: 'es', plugins: () => [forbidNodeModules()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
});
