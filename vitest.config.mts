import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// esbuild (vite's default transform) drops emitDecoratorMetadata, which TypeORM and
// type-graphql read at run time; swc emits it.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // graphql ships CommonJS and ESM builds; type-graphql's ESM build and our code must share one,
  // or graphql-js refuses types "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
