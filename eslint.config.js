// Lint: typescript-eslint strictTypeChecked plus the layer rules of docs/decisions/0001.
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'tls',
  'node:tls',
  'dgram',
  'node:dgram',
  'dns',
  'node:dns',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
  'worker_threads',
  'node:worker_threads',
  'better-sqlite3',
  'pg',
  'kysely',
  'smtp-server',
  'nodemailer',
];

// The arrows of packages/server (docs/decisions/0001, ARCHITECTURE.md): `app/` is the composition
// root, the only place that reads the configuration and assembles components; the CLI may call it.
// Relative import specifiers are matched, e.g. '../../app/provider-context.ts'.
const layer = (folder, message) => ({ regex: `(^|/)${folder}/`, message });
const noComposition = [
  layer('app', 'Only cli/ may import app/ (the composition root): take narrow dependencies instead.'),
  layer('cli', 'Nothing below the CLI imports it.'),
  layer('config', 'Only app/ reads the configuration: take plain settings instead.'),
];
const serverLayers = {
  services: [
    ...noComposition,
    layer('protocols', 'Services speak no protocol: adapters call services, not the reverse.'),
  ],
  protocols: noComposition,
  antivirus: noComposition,
  storage: [
    ...noComposition,
    layer('services', 'Storage adapters implement ports; they do not call services.'),
    layer('protocols', 'Storage adapters implement ports; they do not call protocol adapters.'),
  ],
  ports: [
    {
      regex: '^(?!\\./[^/]+$|@pec/core$)',
      message: 'Ports import nothing but other ports and @pec/core types.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment only in config loading or the CLI.',
        },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, message: '@pec/core is pure: no I/O modules.' })),
          patterns: [{ group: ['@pec/server', '@pec/server/*'], message: 'core must not depend on server.' }],
        },
      ],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  ...Object.entries(serverLayers).map(([folder, patterns]) => ({
    files: [`packages/server/src/${folder}/**/*.ts`],
    // Tests may assemble a whole provider to exercise one layer.
    ignores: ['packages/server/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // The webmail runs in the browser and talks to the server only over HTTP.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'packages/web/src runs in the browser.' },
            {
              group: ['@pec/server', '@pec/server/*'],
              message: 'the webmail reaches the server only over HTTP.',
            },
          ],
        },
      ],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**/*.ts', 'scripts/**/*.js', 'packages/server/test/**/*.ts'],
    rules: {
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['packages/web/public/**/*.js'],
    languageOptions: { globals: { document: 'readonly', localStorage: 'readonly' } },
  },
  {
    files: ['packages/web/public/push-sw.js'],
    languageOptions: { globals: { self: 'readonly', URL: 'readonly' } },
  },
);
