import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Training on real images takes minutes on tfjs's pure-JS cpu backend: those tests run in
    // @resnet/backend's "trainer on wasm" project (seconds), the backend Node trains on.
    exclude: ['src/**/*.real-data.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['src/test-utils/cpu-backend.ts'],
    // Importing tfjs dominates each file's start-up; share one module graph per worker.
    isolate: false,
  },
});
