import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * ccxt's market list per venue class, cached on disk so a warm start constructs the exchange with
 * `setMarkets(...)` and makes no market-loading request (exchanges-offline.md §6.2: "pre-loaded markets").
 * One file per cache key (`<class>-<environment>.json`) holding `{ version, ccxtVersion, savedAt, markets }`.
 * A file older than the TTL, from another ccxt version, or unreadable is ignored (and overwritten on the next save).
 */
export const MARKETS_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
const FILE_VERSION = 1;

interface CacheFile {
  readonly version: number;
  readonly ccxtVersion: string;
  readonly savedAt: number;
  readonly markets: Record<string, unknown>[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The file's shape, checked by hand rather than with a zod schema: this runs once per venue class on every warm
 * start, where zod's first use (building and compiling the checks for hundreds of market records) cost more than the
 * file read and parse together.
 */
function isCacheFile(value: unknown): value is CacheFile {
  if (!isRecord(value)) return false;
  const { version, ccxtVersion, savedAt, markets } = value;
  return (
    version === FILE_VERSION &&
    typeof ccxtVersion === 'string' &&
    typeof savedAt === 'number' &&
    Number.isFinite(savedAt) &&
    Array.isArray(markets) &&
    markets.length > 0 &&
    markets.every(isRecord)
  );
}

export interface MarketsCacheOptions {
  readonly dir: string;
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** ccxt's version: a cache written by another version is stale (parsers and fields move between versions). */
  readonly ccxtVersion: string;
}

export class MarketsCache {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: MarketsCacheOptions) {
    this.ttlMs = options.ttlMs ?? MARKETS_CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  private file(key: string): string {
    return path.join(this.options.dir, `markets-${key.replace(/[^a-z0-9-]/giu, '_')}.json`);
  }

  /** The cached market list, or null when absent, expired, from another ccxt version, or unreadable. */
  async load(key: string): Promise<Record<string, unknown>[] | null> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isCacheFile(parsed)) return null;
      const { savedAt, ccxtVersion, markets } = parsed;
      if (ccxtVersion !== this.options.ccxtVersion) return null;
      const age = this.now() - savedAt;
      if (age < 0 || age > this.ttlMs) return null;
      return markets;
    } catch {
      return null;
    }
  }

  /** Writes atomically (temp file + rename). Failures are swallowed: the cache is an optimisation. */
  async save(key: string, markets: readonly Record<string, unknown>[]): Promise<void> {
    try {
      await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
      const target = this.file(key);
      const temp = `${target}.${randomUUID().slice(0, 8)}.tmp`;
      const body = JSON.stringify({
        version: FILE_VERSION,
        ccxtVersion: this.options.ccxtVersion,
        savedAt: this.now(),
        markets,
      });
      await writeFile(temp, body, { encoding: 'utf8', mode: 0o600 });
      await rename(temp, target);
    } catch {
      // A read-only or full disk costs a slower next start, nothing else.
    }
  }
}
