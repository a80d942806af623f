import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Code from strings: what the Content-Security-Policy refuses (no 'unsafe-eval'), refused here first.
      // scripts/lint-guard.test.ts fails if one of these bans goes.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Markup from strings is how a hostile device name becomes a script: never build it.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'innerHTML renders strings as markup; render text instead.' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'outerHTML renders strings as markup; render text instead.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'insertAdjacentHTML renders strings as markup; render text instead.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'document.write is forbidden.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'dangerouslySetInnerHTML renders strings as markup; render text instead.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The app and the emulator never import each other (ARCHITECTURE.md).
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/emulator/**'], message: 'src/ must not import the emulator.' }] }],
    },
  },
  {
    // What the dashboard may use is what its oldest supported browsers have (README "Browser
    // support": Safari 14.1 / iOS 14.5, Chrome 85): no polyfills ship, so these newer APIs are refused.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'throwIfAborted'].map((property) => ({
          property,
          message: `.${property}() is newer than Safari 14.1 / Chrome 85 (README "Browser support"); write it out, or see src/lib/abort.ts.`,
        })),
        { object: 'Object', property: 'hasOwn', message: 'Object.hasOwn is newer than Safari 14.1; use Object.prototype.hasOwnProperty.call.' },
        { object: 'Object', property: 'groupBy', message: 'Object.groupBy is newer than Safari 14.1 (README "Browser support").' },
        { object: 'Promise', property: 'withResolvers', message: 'Promise.withResolvers is newer than Safari 14.1 (README "Browser support").' },
        { object: 'AbortSignal', property: 'timeout', message: 'AbortSignal.timeout is newer than Safari 14.1; use an AbortController and a timer.' },
        { object: 'AbortSignal', property: 'any', message: 'AbortSignal.any is newer than Safari 14.1 (README "Browser support").' },
        { object: 'Array', property: 'fromAsync', message: 'Array.fromAsync is newer than Safari 14.1 (README "Browser support").' },
      ],
      'no-restricted-globals': ['error', { name: 'structuredClone', message: 'structuredClone is newer than Safari 14.1 (README "Browser support").' }],
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'The emulator must not import the app.' }] }],
    },
  },
);
