import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// `npm run soak`: the load-and-fault run, apart from `npm test` because it takes minutes.
// Same transforms as vitest.config.mts (merging would add the unit tests to `include`).
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: { include: ['test/soak/**/*.soak.ts'], testTimeout: 600_000, hookTimeout: 120_000, pool: 'forks' },
});
