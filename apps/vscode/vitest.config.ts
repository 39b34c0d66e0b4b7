import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end test starts code-server and Chromium: give it room, and never run two.
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
