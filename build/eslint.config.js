// Lint rules that hold the house together: the core stays plain Node, the driver stays in one module, and the
// renderer reaches the core only through the contract.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOrDom = {
  paths: [
    { name: 'electron', message: 'The core runs in plain Node: keep Electron in electron/main.' },
    { name: 'react', message: 'The core never touches the UI.' },
    { name: 'react-dom', message: 'The core never touches the UI.' },
  ],
  patterns: [
    {
      group: ['**/main/**', '**/preload/**', '**/server/**', '**/renderer/**'],
      message: 'Dependencies point one way: renderer → contract ← core ← shell.',
    },
  ],
};

// The encrypted driver, and plain better-sqlite3 (kept only so a test can show it cannot read the app's files).
const [driver, plainDriver] = ['better-sqlite3-multiple-ciphers', 'better-sqlite3'].map((name) => ({
  name,
  message: 'Only electron/core/db/driver.ts imports the SQLite driver.',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [driver, plainDriver] }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render participant data as text.' },
        // The same hole by other doors: a props object (createElement, a spread), or the DOM's own HTML setters.
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render participant data as text.' },
        {
          selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Render participant data as text (textContent), never as HTML.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]',
          message: 'Render participant data as text (textContent), never as HTML.',
        },
      ],
    },
  },
  {
    files: ['electron/core/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...electronOrDom.paths, driver, plainDriver], patterns: electronOrDom.patterns },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement'],
    },
  },
  { files: ['electron/core/db/driver.ts'], rules: { 'no-restricted-imports': ['error', electronOrDom] } },
  { files: ['tests/unit/db/encryption.test.ts'], rules: { 'no-restricted-imports': ['error', { paths: [driver] }] } },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            driver,
            plainDriver,
            { name: 'electron', message: 'The renderer talks to the main process only through window.muster.' },
          ],
          patterns: [
            {
              regex: '(^|/)electron/(main|preload|server)/|(^|/)core/(db|changes|context|handlers)|/handlers$|/store$',
              message: 'The renderer may import only the contract and schemas from the core.',
            },
          ],
        },
      ],
    },
  },
  { files: ['tests/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
);
