import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * ccxt's market list per venue class, cached on disk so a warm start constructs the exchange with
 * `setMarkets(...)` and makes no market-loading request (exchanges-offline.md §6.2: "pre-loaded markets").
 * One file per cache key (`<class>-<environment>.json`) holding `{ version, ccxtVersion, savedAt, markets }`.
 * A file older than the TTL, from another ccxt version, or unreadable is ignored (and overwritten on the next save).
 */
export const MARKETS_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
const FILE_VERSION = 1;

const CacheFileSchema = z.object({
  version: z.literal(FILE_VERSION),
  ccxtVersion: z.string(),
  savedAt: z.number(),
  markets: z.array(z.record(z.string(), z.unknown())).min(1),
});

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
      const parsed = CacheFileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      const { savedAt, ccxtVersion, markets } = parsed.data;
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
