import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exchange } from 'ccxt';

/**
 * Loads only the ccxt exchange classes the app uses, by deep path (exchanges-offline.md §6.1): importing the
 * package root would load all ~100 exchanges (≈0.7 s, ≈130 MB); four files cost ≈0.25 s and ≈80 MB. The package's
 * `exports` map has only ".", so the files are resolved from the package's own location and imported by URL.
 * ccxt stays external to any bundle (it is a production dependency, pinned to an exact version).
 */
export const CCXT_CLASSES = ['binanceusdm', 'binancecoinm', 'bybit', 'okx', 'hyperliquid'] as const;
export type CcxtClassName = (typeof CCXT_CLASSES)[number];

export type ExchangeConstructor = new (config?: Record<string, unknown>) => Exchange;

const loaded = new Map<CcxtClassName, Promise<ExchangeConstructor>>();

function ccxtSourceDir(): string {
  // require.resolve('ccxt') gives node_modules/ccxt/dist/ccxt.cjs; the ESM sources are in ../js/src.
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('ccxt')), '..', 'js', 'src');
}

export function loadExchangeClass(name: CcxtClassName): Promise<ExchangeConstructor> {
  let pending = loaded.get(name);
  if (!pending) {
    const url = pathToFileURL(path.join(ccxtSourceDir(), `${name}.js`)).href;
    pending = import(url).then((module: { default: ExchangeConstructor }) => module.default);
    loaded.set(name, pending);
  }
  return pending;
}

let cachedVersion: string | undefined;

/** The installed ccxt version (read from its package.json, which the package's `exports` does not expose). */
export async function ccxtVersion(): Promise<string> {
  if (cachedVersion === undefined) {
    const { readFile } = await import('node:fs/promises');
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve('ccxt')), '..', 'package.json');
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown };
    cachedVersion = typeof parsed.version === 'string' ? parsed.version : 'unknown';
  }
  return cachedVersion;
}
