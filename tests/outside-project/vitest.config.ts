import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // npm installs the packed packages and tfjs from the registry in beforeAll: about 30 s with
    // npm's cache warm on an idle 2-core machine, minutes on a busy one or a cold cache.
    hookTimeout: 600_000,
    testTimeout: 120_000,
  },
});
