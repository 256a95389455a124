import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// esbuild (vite's default transform) drops emitDecoratorMetadata, which TypeORM and
// type-graphql read at run time; swc emits it.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // One graphql for everyone: vite would hand our sources the ESM build while type-graphql and
  // Apollo load the CommonJS one, and graphql refuses types from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    // Process-killing fault runs take most of a minute each: `npm run test:faults` (vitest.faults.config.mts).
    exclude: ['**/node_modules/**', 'test/**/*.fault.test.ts'],
    setupFiles: ['reflect-metadata'],
    globalSetup: ['test/helpers/migrated-snapshot.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
