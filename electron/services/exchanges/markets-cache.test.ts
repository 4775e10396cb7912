import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VENUES } from '../../../shared/domain/venue';
import type { ClientCredentials } from './adapter';
import { forgetSharedMarkets } from './ccxt-client';
import { createVenueAdapter } from './create-adapter';
import { MARKETS_CACHE_TTL_MS, MarketsCache } from './markets-cache';
import { startLoopback, type Loopback } from './testing/loopback';

/**
 * Markets on disk: a warm start (cache younger than the TTL, same ccxt version) makes no market-loading request on
 * any venue; an expired, foreign-version or corrupt cache falls back to the venue.
 */
let loop: Loopback;
let dir: string;
let now = 1_800_000_000_000;

beforeAll(async () => {
  loop = await startLoopback({ scenario: 'calm' });
});
afterAll(async () => {
  await loop.close();
});
beforeEach(async () => {
  forgetSharedMarkets();
  loop.sim.clearLog();
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-markets-'));
  return () => rm(dir, { recursive: true, force: true });
});

const credentials = (venue: (typeof VENUES)[number]): ClientCredentials => {
  const spec = loop.sim.spec.accounts.find((a) => a.venue === venue)!;
  return venue === 'hyperliquid'
    ? { walletAddress: spec.walletAddress! }
    : { apiKey: spec.apiKey, secret: spec.secret, ...(spec.passphrase ? { password: spec.passphrase } : {}) };
};
const env = (version = '4.5.84') =>
  loop.environment({
    name: 'cache-test',
    marketsCache: new MarketsCache({ dir, ccxtVersion: version, now: () => now }),
    now: () => now,
  });

describe('markets cache', () => {
  it.each(VENUES)('%s: a warm start loads markets from disk without a request', async (venue) => {
    const cold = await createVenueAdapter(venue, credentials(venue), env());
    expect(await cold.ensureMarkets()).toBe('network');
    expect(loop.sim.log.length).toBeGreaterThan(0);
    expect((await readdir(dir)).length).toBeGreaterThan(0);

    forgetSharedMarkets();
    loop.sim.clearLog();
    const warm = await createVenueAdapter(venue, credentials(venue), env());
    expect(await warm.ensureMarkets()).toBe('cache');
    expect(loop.sim.log).toEqual([]);
    expect(warm.market(venue === 'hyperliquid' ? 'BTC/USDC:USDC' : 'BTC/USDT:USDT')).toEqual(
      cold.market(venue === 'hyperliquid' ? 'BTC/USDC:USDC' : 'BTC/USDT:USDT'),
    );
  });

  it.each([
    [
      'older than the TTL',
      (): void => {
        now += MARKETS_CACHE_TTL_MS + 1;
      },
      '4.5.84',
    ],
    ['written by another ccxt version', (): void => undefined, '4.5.85'],
  ] as const)('a cache %s is not used', async (_what, change, version) => {
    await (await createVenueAdapter('okx', credentials('okx'), env())).ensureMarkets();
    forgetSharedMarkets();
    change();
    loop.sim.clearLog();
    expect(await (await createVenueAdapter('okx', credentials('okx'), env(version))).ensureMarkets()).toBe('network');
    expect(loop.sim.log.map((e) => e.path)).toEqual(['/api/v5/public/instruments']);
  });

  it('a corrupt cache file is ignored', async () => {
    await writeFile(path.join(dir, 'markets-okx-cache-test.json'), '{"version":1,"markets":[');
    expect(await (await createVenueAdapter('okx', credentials('okx'), env())).ensureMarkets()).toBe('network');
  });
});

describe('a position in a market the cached list does not know (a new listing)', () => {
  it('fails that refresh with a clear reason, then reloads the market list from the venue', async () => {
    const cache = new MarketsCache({ dir, ccxtVersion: '4.5.84', now: () => now });
    const environment = loop.environment({ name: 'listing-test', marketsCache: cache, now: () => now });
    await (await createVenueAdapter('binance', credentials('binance'), environment)).ensureMarkets();
    // Drop SOL from the cached USDⓈ-M list, as if SOLUSDT had been listed after the cache was written.
    const stored = (await cache.load('binanceusdm-listing-test')) ?? [];
    await cache.save(
      'binanceusdm-listing-test',
      stored.filter((m) => m['base'] !== 'SOL'),
    );
    forgetSharedMarkets();
    loop.sim.clearLog();
    const adapter = await createVenueAdapter('binance', credentials('binance'), environment);
    expect(await adapter.ensureMarkets()).toBe('cache');
    await expect(adapter.fetchAccount('acc')).rejects.toThrow('market listing missing');
    const { positions } = await adapter.fetchAccount('acc');
    expect(positions.map((p) => p.symbol)).toContain('SOL/USDT:USDT');
    expect(loop.sim.log.filter((e) => e.path.endsWith('/exchangeInfo')).length).toBeGreaterThan(0);
  });
});
