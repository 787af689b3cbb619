import { defineConfig } from 'vitest/config';

// Two suites: `unit` runs anywhere (a clone with nothing beside it);
// `shared` reads ../shared (public scenarios, signed media, timelines) in place.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
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
    ],
  },
});
