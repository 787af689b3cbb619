import { defineConfig } from 'vitest/config';

// Three suites: `unit` runs anywhere (a clone with nothing beside it);
// `shared` reads ../shared (public scenarios, signed media, timelines) in place;
// `browser` drives Debian's chromium against a real server and the built web app
// (`npm run test:browser`, which builds web/dist first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.shared.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'shared',
          include: ['src/**/*.shared.test.ts', 'test/**/*.shared.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['web/e2e/**/*.e2e.test.ts'],
          // One server and one chromium for the whole run; journeys share them in order.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
