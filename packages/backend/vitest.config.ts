import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const shared = { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000 };

/**
 * A package's own suite, run again on wasm with our kernels, as tfjs's backends run
 * tfjs-core's specs: the same tests in the package's directory, the backend set up by our
 * setup file instead of theirs. Those packages do not depend on this one, so it runs them.
 */
function suiteOnWasm(pkg: 'model' | 'trainer'): TestProjectInlineConfiguration {
  return {
    root: fileURLToPath(new URL(`../${pkg}`, import.meta.url)),
    test: {
      ...shared,
      name: `${pkg} on wasm`,
      setupFiles: [fileURLToPath(new URL('src/test-utils/wasm-suite-backend.ts', import.meta.url))],
      // As in the packages' own configs: one module graph, so wasm starts once.
      isolate: false,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'backend' } },
      suiteOnWasm('model'),
      suiteOnWasm('trainer'),
    ],
  },
});
