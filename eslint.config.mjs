// ESLint over the TypeScript sources (type-aware): the habits the code relies on, checked in CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '**/*.cjs', '**/*.mjs', '**/*.mts', '**/*.d.cts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './web/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its error: every one is awaited, returned or marked `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // Named exports only, so a symbol has one name everywhere it is imported.
      'no-restricted-exports': [
        'error',
        { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } },
      ],
      // Input checks match control characters on purpose, to refuse them.
      'no-control-regex': 'off',
      // A `let` the server's request handler reads before start-up assigns it is not a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A folder adds its loaders to graphql/context.ts's `Loaders` with an interface that only extends them.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and the benchmark poke at untyped JSON answers; `any` there is the honest type.
    files: ['test/**', 'bench/**', 'web/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
);
