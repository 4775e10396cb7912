// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * DESIGN.md §3 boundaries, enforced here (and by each folder's tsconfig). A violation is a lint error; the proof is
 * electron/scripts/lint-boundaries.test.ts, which lints probe files that break each rule.
 */
const importBan = (patterns, message) => ({ group: patterns, message });

const sharedBans = [
  importBan(
    ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'child_process', 'url', 'util', 'events', 'stream'],
    'shared/ is pure TypeScript: no Node modules.',
  ),
  importBan(
    [
      'electron',
      'electron/*',
      'react',
      'react-dom',
      'react/*',
      'react-dom/*',
      'zustand',
      'zustand/*',
      'ccxt',
      'ccxt/*',
      '@napi-rs/*',
    ],
    'shared/ imports no electron, react, zustand, ccxt or keychain.',
  ),
  importBan(
    ['**/electron/**', '../electron/**', '**/renderer/**', '../renderer/**', '../../electron/**', '../../renderer/**'],
    'shared/ may import only shared/.',
  ),
];
const servicesBans = [
  importBan(
    ['electron', 'electron/*'],
    'electron/services and the simulator never import electron: they run in both shells.',
  ),
  importBan(
    ['**/main/**', '**/preload/**', '**/server/**', '**/renderer/**'],
    'services may import shared/ and services/ only.',
  ),
];
const rendererBans = [
  importBan(
    ['electron', 'electron/*', 'ccxt', 'ccxt/*', '@napi-rs/*', 'node:*', 'fs', 'path', 'os', 'crypto', 'child_process'],
    'the renderer talks to the services only through renderer/api.ts.',
  ),
  importBan(
    ['**/electron/**', '../electron/**', '../../electron/**', '../../../electron/**'],
    'the renderer may import shared/ and renderer/ only.',
  ),
];
/** The app suggests orders; it never sends one (DESIGN.md §3). */
const ORDER_PLACING_METHODS = [
  'createOrder',
  'createOrders',
  'createMarketOrder',
  'createLimitOrder',
  'createStopOrder',
  'createStopMarketOrder',
  'createStopLossOrder',
  'createTakeProfitOrder',
  'createTriggerOrder',
  'createReduceOnlyOrder',
  'createOrderWithTakeProfitAndStopLoss',
  'createMarketBuyOrder',
  'createMarketSellOrder',
  'createLimitBuyOrder',
  'createLimitSellOrder',
  'createPostOnlyOrder',
  'cancelOrder',
  'cancelOrders',
  'cancelAllOrders',
  'cancelAllOrdersAfter',
  'editOrder',
  'editOrders',
  'withdraw',
  'transfer',
  'setLeverage',
  'setMarginMode',
  'setPositionMode',
  'addMargin',
  'reduceMargin',
  'setMargin',
  'closePosition',
  'closeAllPositions',
  'borrowMargin',
  'repayMargin',
  'borrowCrossMargin',
  'repayCrossMargin',
];
// Calls only: a data field named `transfer` (e.g. a key's permissions) is not an order.
const orderBans = ORDER_PLACING_METHODS.map((name) => ({
  selector: `CallExpression > MemberExpression.callee[property.name='${name}']`,
  message: `${name} is an order-placing or account-changing call; Liquidation Guard is read-only and never sends one.`,
}));
// Implicit ccxt endpoints that write, e.g. fapiPrivatePostOrder, privatePostV5OrderCreate, privatePostTradeOrder.
orderBans.push({
  selector:
    'MemberExpression[property.name=/^(private|fapiPrivate|dapiPrivate|sapi|papi)[A-Za-z0-9]*(Post|Put|Delete)/]',
  message: 'write endpoints of the exchange API are banned: the app is read-only.',
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'e2e/test-output/', 'e2e/playwright-report/', '**/lint-probes/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Tool configs must default-export.
    files: ['eslint.config.js', 'vitest.config.ts', 'renderer/vite.config.ts', 'e2e/playwright.config.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: sharedBans }],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'require',
        'Buffer',
        'fetch',
        'setTimeout',
        'setInterval',
        'localStorage',
        'navigator',
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'shared/ reads no clock: pass `now` in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ reads no clock: pass `now` in.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'shared/ has no randomness: pass a seed in.',
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: servicesBans }],
      'no-restricted-syntax': ['error', ...orderBans],
    },
  },
  {
    files: ['electron/**/*.ts', 'electron/**/*.mjs', 'e2e/**/*.ts', '*.ts', '*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'electron', property: 'ipcMain', message: 'ipcMain belongs in electron/main/ipc.ts only.' },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            importBan(['**/renderer/**'], 'the shells never import the renderer.'),
            importBan(['**/preload/**'], 'the preload is its own bundle.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            importBan(
              ['**/services/**', '**/main/**', '**/server/**', '**/renderer/**', 'ccxt', '@napi-rs/*'],
              'the preload may import the contract only.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': ['error', { patterns: rendererBans }],
    },
  },
  {
    // Only renderer/api.ts touches window.api or fetch.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/api.ts', 'renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'only renderer/api.ts calls the services.' }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'only renderer/api.ts touches window.api.' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.bench.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
