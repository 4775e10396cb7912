import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketSchema } from '../../../shared/domain/market';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { createSnapshotHandlers } from './snapshot-handlers';
import { SnapshotService } from './snapshot-service';

/**
 * listVenueMarkets / getMarket against the in-process demo (flash-selloff): the planner's picker lists every
 * perpetual the venue lists, not only the snapshot's, and a market with no position is read in full on demand.
 */
let dir: string;
let service: SnapshotService;
let snapshot: Snapshot;

const noAccounts = {
  list: () => Promise.resolve([]),
  credentialsFor: () => Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'none' } }),
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-venue-markets-'));
  service = new SnapshotService({ cacheDir: dir, emit: () => undefined, accounts: noAccounts });
  snapshot = await service.startDemo();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('venue markets (demo)', () => {
  // electron/simulator/scenarios/universe.ts: 10 assets, each a linear perpetual; BTC and ETH also inverse (not on
  // Hyperliquid, which lists USDC-margined perpetuals only). The demo holds 4, 4, 4 and 3 of them (accounts.ts).
  it.each([
    ['binance', 12],
    ['bybit', 12],
    ['okx', 12],
    ['hyperliquid', 10],
  ] as const)('lists every %s perpetual (%i), more than the snapshot holds, each once', async (venue, count) => {
    const handlers = createSnapshotHandlers({ snapshot: service });
    const result = await handlers.listVenueMarkets({ venue });
    if (!result.ok) throw new Error(result.error.message);
    const listed = result.value.markets;
    const held = snapshot.markets.filter((m) => m.venue === venue).map((m) => m.symbol);
    expect(listed).toHaveLength(count);
    expect(held.length).toBeLessThan(count / 2);
    expect(new Set(listed.map((m) => m.symbol)).size).toBe(listed.length);
    for (const symbol of held) expect(listed.map((m) => m.symbol)).toContain(symbol);
    for (const m of listed) expect(m.symbol).toMatch(/^[^/]+\/[^:]+:[^-]+$/u);
  });

  it('reads a full, valid market for a symbol with no position', async () => {
    const handlers = createSnapshotHandlers({ snapshot: service });
    const listed = await handlers.listVenueMarkets({ venue: 'binance' });
    if (!listed.ok) throw new Error(listed.error.message);
    const held = new Set(snapshot.markets.filter((m) => m.venue === 'binance').map((m) => m.symbol));
    const other = listed.value.markets.find((m) => m.kind === 'linear' && !held.has(m.symbol));
    expect(other).toBeDefined();
    const result = await handlers.getMarket({ venue: 'binance', symbol: other!.symbol });
    if (!result.ok) throw new Error(result.error.message);
    const market = MarketSchema.parse(result.value);
    expect(market).toMatchObject({ venue: 'binance', symbol: other!.symbol, kind: 'linear' });
    expect(market.markPrice).toBeGreaterThan(0);
    // The same pieces and depths as a held market (DEFAULT_MARKET_POLICY: 90 daily candles, 200 book levels).
    expect(market.candles['1d'].time).toHaveLength(90);
    expect(market.orderBook?.bids.price).toHaveLength(200);
    expect(market.tiers.length).toBeGreaterThan(0);
  });

  it('answers not_found for an unknown symbol and for a venue with no connected account', async () => {
    const handlers = createSnapshotHandlers({ snapshot: service });
    expect(await handlers.getMarket({ venue: 'okx', symbol: 'NOPE/USDT:USDT' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'OKX lists no derivatives market NOPE/USDT:USDT.' },
    });
    const empty = new SnapshotService({ cacheDir: dir, emit: () => undefined, accounts: noAccounts });
    await empty.refresh();
    const none = await createSnapshotHandlers({ snapshot: empty }).listVenueMarkets({ venue: 'bybit' });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(none.ok ? '' : none.error.message).toMatch(/No Bybit account is connected/u);
  });
});
