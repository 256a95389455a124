import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// esbuild (vite's default transform) drops emitDecoratorMetadata, which TypeORM and
// type-graphql read at run time; swc emits it.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
