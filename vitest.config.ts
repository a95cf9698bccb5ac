import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: {
    resolve: {
      // Tests import the workspaces' TypeScript sources (the felix-source export condition), so
      // unit tests need no build; Vite's server defaults follow, minus "module", as Vitest's own.
      conditions: ['felix-source', ...defaultServerConditions.filter((c) => c !== 'module')],
    },
  },
  test: {
    include: ['**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Integration tests spawn what is built (the broker, the felix command): built once per run.
    globalSetup: ['scripts/testing/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
