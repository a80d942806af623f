import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import tanstackQuery from '@tanstack/eslint-plugin-query';

// Which room may import which (docs/architecture.md): src/app composes the features; a feature
// never imports another feature, except the Homey environment every feature stands on; src/lib and
// src/components know no feature; product code imports no bench or test code; the app and the
// emulator never import each other. `no-restricted-imports` does not merge across config blocks,
// so each room's block carries every wall that applies to it.
const FEATURES = ['auth', 'devices', 'home', 'homey', 'insights', 'kiosk', 'settings'];
// What a feature may take from features/homey: the environment, the client's types, the key space
// and the error vocabulary. The rest of it (sessions, routes, the queue) is its own business.
const HOMEY_PUBLIC = ['homey-environment.tsx', 'homey-client.ts', 'homey-queries.ts', 'errors.ts'];
const NO_EMULATOR = { group: ['**/emulator/**'], message: 'src/ must not import the emulator.' };
const NO_TEST_CODE = {
  group: ['**/bench/**', '**/test-support/**', '**/*.test', '**/*.test.ts', '**/*.test.tsx'],
  message: 'Product code must not import bench or test code.',
};
const NO_APP = { group: ['**/app/**'], message: 'Nothing imports src/app: it composes the features.' };

function otherFeatures(own) {
  const group = [];
  for (const other of FEATURES) {
    if (other === own) continue;
    // Relative imports from inside a feature (`../devices/…`) and from deeper folders of it.
    for (const prefix of ['../', '../../', '../../../']) {
      group.push(`${prefix}${other}/**`);
      if (other === 'homey') group.push(...HOMEY_PUBLIC.map((file) => `!${prefix}homey/${file}`));
    }
  }
  return { group, message: 'Features never import each other (docs/architecture.md); compose them in src/app, or move shared code to src/lib or src/components.' };
}

function roomRules() {
  const rules = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
  return [
    { files: ['src/**/*.{ts,tsx}'], rules: rules(NO_EMULATOR, NO_TEST_CODE) },
    { files: ['src/**/*.test.{ts,tsx}'], rules: rules(NO_EMULATOR) },
    ...FEATURES.flatMap((feature) => [
      { files: [`src/features/${feature}/**/*.{ts,tsx}`], rules: rules(NO_EMULATOR, NO_TEST_CODE, NO_APP, otherFeatures(feature)) },
      { files: [`src/features/${feature}/**/*.test.{ts,tsx}`], rules: rules(NO_EMULATOR, NO_APP, otherFeatures(feature)) },
    ]),
    {
      files: ['src/lib/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/config/**/*.{ts,tsx}'],
      ignores: ['src/**/*.test.{ts,tsx}'],
      rules: rules(NO_EMULATOR, NO_TEST_CODE, NO_APP, { group: ['**/features/**'], message: 'src/lib, src/components and src/config know no feature.' }),
    },
  ];
}

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
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': tanstackQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...tanstackQuery.configs.recommended.rules,
    },
  },
  // The rooms (docs/architecture.md). scripts/lint-guard.test.ts proves each wall holds.
  ...roomRules(),
  {
    // What the dashboard may use is what its oldest supported browsers have (README "Browser
    // support": Safari 14.1 / iOS 14.5, Chrome 85): no polyfills ship, so these newer APIs are refused.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
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
