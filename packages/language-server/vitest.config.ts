import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Several tests start real processes (the server, Neovim, the GraphQL API): allow for a slow
    // shared CI machine; each still polls and returns as soon as its condition holds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
