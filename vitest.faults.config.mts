import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// `npm run test:faults`: the tests that kill servers, hold locks and take databases away, apart
// from `npm test` because each takes most of a minute. The rest as in vitest.config.mts.
// esbuild (vite's default transform) drops emitDecoratorMetadata, which TypeORM and
// type-graphql read at run time; swc emits it.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // One graphql for everyone: vite would hand our sources the ESM build while type-graphql and
  // Apollo load the CommonJS one, and graphql refuses types from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.fault.test.ts'],
    setupFiles: ['reflect-metadata'],
    globalSetup: ['test/helpers/migrated-snapshot.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
