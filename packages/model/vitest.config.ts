import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['src/test-utils/cpu-backend.ts'],
    // Importing tfjs dominates each file's start-up; share one module graph per worker.
    isolate: false,
  },
});
