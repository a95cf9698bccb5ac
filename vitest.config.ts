import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** The short soak (soak/test): brokers under attack, judged on their responsiveness. */
const SOAK_TESTS = 'soak/test/**/*.test.ts';

export default defineConfig({
  ssr: {
    resolve: {
      // Tests import the workspaces' TypeScript sources (the felix-source export condition), so
      // unit tests need no build; Vite's server defaults follow, minus "module", as Vitest's own.
      conditions: ['felix-source', ...defaultServerConditions.filter((c) => c !== 'module')],
    },
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Integration tests spawn what is built (the broker, the felix command): built once per run.
    globalSetup: ['scripts/testing/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'tests',
          include: ['**/test/**/*.test.ts'],
          exclude: [SOAK_TESTS, '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        // After every other test and alone: the soak measures /live latency and the clean pair's,
        // which other tests sharing the machine's cores would distort.
        extends: true,
        test: { name: 'soak', include: [SOAK_TESTS], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
