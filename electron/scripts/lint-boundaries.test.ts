import { ESLint } from 'eslint';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Proof that DESIGN.md §3's boundaries are enforced by lint, not goodwill: each probe is written as a file in a
 * `lint-probes/` folder of the named area (ignored by the normal lint run, linted here with `ignore: false`) and must
 * be refused by the named rule. A clean probe in each area shows the rules are not blanket refusals.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROBE_DIRS = [
  'shared/risk',
  'shared/domain',
  'electron/services',
  'electron/services/exchanges',
  'electron/simulator',
  'electron/preload',
  'renderer/features',
].map((dir) => path.join(root, dir, 'lint-probes'));
let eslint: ESLint;
let probeCount = 0;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, ignore: false });
});
afterAll(() => {
  for (const dir of PROBE_DIRS) rmSync(dir, { recursive: true, force: true });
});

/** `where` is e.g. shared/risk/probe.ts; the probe is written to shared/risk/lint-probes/probe-N.ts. */
async function ruleIdsFor(where: string, code: string): Promise<string[]> {
  const dir = path.join(root, path.dirname(where), 'lint-probes');
  mkdirSync(dir, { recursive: true });
  const filePath = path.join(dir, `probe-${(probeCount += 1)}${path.extname(where)}`);
  // Probes sit one folder deeper than `where`: relative imports in the code are written for `where`.
  writeFileSync(filePath, code.replaceAll("from '../", "from '../../").replaceAll("from './", "from '../"));
  const [result] = await eslint.lintFiles([filePath]);
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('lint enforces the boundaries', () => {
  it.each([
    [
      'shared/ importing Node',
      'shared/risk/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no-restricted-imports',
    ],
    [
      'shared/ importing react',
      'shared/risk/probe.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
      'no-restricted-imports',
    ],
    [
      'shared/ importing ccxt',
      'shared/domain/probe.ts',
      "import ccxt from 'ccxt';\nexport const x = ccxt;\n",
      'no-restricted-imports',
    ],
    [
      'shared/ importing the services',
      'shared/risk/probe.ts',
      "import { invokeHandler } from '../../electron/services/invoke';\nexport const x = invokeHandler;\n",
      'no-restricted-imports',
    ],
    [
      'shared/ reading the clock',
      'shared/risk/probe.ts',
      'export const now = (): number => Date.now();\n',
      'no-restricted-syntax',
    ],
    [
      'shared/ using randomness',
      'shared/risk/probe.ts',
      'export const r = (): number => Math.random();\n',
      'no-restricted-syntax',
    ],
    [
      'shared/ touching process',
      'shared/risk/probe.ts',
      'export const e = (): unknown => process;\n',
      'no-restricted-globals',
    ],
    [
      'services importing electron',
      'electron/services/probe.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'no-restricted-imports',
    ],
    [
      'services importing the renderer',
      'electron/services/probe.ts',
      "import { connectApi } from '../../renderer/api';\nexport const x = connectApi;\n",
      'no-restricted-imports',
    ],
    [
      'services placing an order',
      'electron/services/exchanges/probe.ts',
      "export const place = (ex: { createOrder: (s: string) => Promise<void> }) => ex.createOrder('BTC/USDT');\n",
      'no-restricted-syntax',
    ],
    [
      'services withdrawing',
      'electron/services/probe.ts',
      'export const w = (ex: { withdraw: () => Promise<void> }) => ex.withdraw();\n',
      'no-restricted-syntax',
    ],
    [
      'services calling a write endpoint',
      'electron/simulator/probe.ts',
      'export const w = (ex: { privatePostV5OrderCreate: () => Promise<void> }) => ex.privatePostV5OrderCreate();\n',
      'no-restricted-syntax',
    ],
    [
      'the renderer importing ccxt',
      'renderer/features/probe.ts',
      "import ccxt from 'ccxt';\nexport const x = ccxt;\n",
      'no-restricted-imports',
    ],
    [
      'the renderer importing the services',
      'renderer/features/probe.ts',
      "import { invokeHandler } from '../../electron/services/invoke';\nexport const x = invokeHandler;\n",
      'no-restricted-imports',
    ],
    [
      'the renderer calling fetch outside api.ts',
      'renderer/features/probe.ts',
      "export const f = () => fetch('/api/x');\n",
      'no-restricted-globals',
    ],
    [
      'the preload importing the services',
      'electron/preload/probe.ts',
      "import { invokeHandler } from '../services/invoke';\nexport const x = invokeHandler;\n",
      'no-restricted-imports',
    ],
    ['a default export', 'shared/risk/probe.ts', 'const x = 1;\nexport default x;\n', 'no-restricted-exports'],
  ])('%s', async (_name, where, code, rule) => {
    expect(await ruleIdsFor(where, code)).toContain(rule);
  });

  it.each([
    ['shared/', 'shared/risk/probe.ts', 'export const double = (n: number): number => n * 2;\n'],
    [
      'services',
      'electron/services/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const read = (p: string): string => readFileSync(p, 'utf8');\n",
    ],
    ['the renderer', 'renderer/features/probe.ts', "import { z } from 'zod';\nexport const schema = z.string();\n"],
    [
      'services reading a permission flag named transfer (data, not a call)',
      'electron/services/probe.ts',
      'export const canMove = (p: { transfer: boolean; withdraw: boolean }): boolean => p.transfer || p.withdraw;\n',
    ],
  ])('a clean probe in %s passes', async (_name, where, code) => {
    expect(await ruleIdsFor(where, code)).toEqual([]);
  });
});
