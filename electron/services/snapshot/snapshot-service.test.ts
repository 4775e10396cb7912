import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/domain/account';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import type { RefreshProgress, Snapshot } from '../../../shared/domain/snapshot';
import { SnapshotSchema } from '../../../shared/domain/snapshot';
import type { Venue } from '../../../shared/domain/venue';
import { forgetSharedMarkets } from '../exchanges/ccxt-client';
import { startLoopback, type Loopback } from '../exchanges/testing/loopback';
import { BlockedHostError } from '../exchanges/transport';
import { createDemo } from './demo';
import { SnapshotService } from './snapshot-service';

/**
 * The snapshot service over the loopback simulator (flash-selloff at minute 0): statuses per account, markets
 * assembled for held symbols, maintenance rates filled from tiers, and events pushed.
 */
let loop: Loopback;
let dir: string;

beforeAll(async () => {
  forgetSharedMarkets();
  loop = await startLoopback({ scenario: 'flash-selloff' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-snapshot-'));
});
afterAll(async () => {
  await loop.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  loop.sim.clearFaults();
});

function account(venue: Venue, accountId: string): Account {
  return {
    accountId,
    venue,
    label: `${venue} test`,
    keyHint: '…0001',
    permissions: { read: true, trade: false, withdraw: false, transfer: false, venueFlags: [], checkedAt: 0 },
    enabled: true,
    disabledReason: null,
    sessionOnly: false,
    demo: false,
    addedAt: 0,
  };
}

function scenarioCredentials(loop: Loopback, venue: Venue): VenueCredentials {
  const spec = loop.sim.spec.accounts.find((a) => a.venue === venue)!;
  switch (venue) {
    case 'hyperliquid':
      return { venue, walletAddress: spec.walletAddress! };
    case 'okx':
      return { venue, apiKey: spec.apiKey, secret: spec.secret, passphrase: spec.passphrase! };
    default:
      return { venue, apiKey: spec.apiKey, secret: spec.secret };
  }
}

function service(accounts: readonly Account[], events: { name: string; payload: unknown }[] = []) {
  return new SnapshotService({
    cacheDir: dir,
    emit: (name: string, payload: unknown) => {
      events.push({ name, payload });
    },
    accounts: {
      list: () => Promise.resolve(accounts),
      credentialsFor: (id) => {
        const found = accounts.find((a) => a.accountId === id);
        return Promise.resolve(
          found
            ? { ok: true as const, value: scenarioCredentials(loop, found.venue) }
            : { ok: false as const, error: { code: 'not_found' as const, message: 'no such account' } },
        );
      },
    },
    transport: loop.environment().transport,
    environmentName: `loopback-${loop.sim.spec.id}`,
    enableRateLimit: false,
    timeoutMs: 2_000,
  });
}

describe('snapshot service (Binance account on the loopback simulator)', () => {
  it('assembles positions, balances and the markets held, with an ok status, and pushes events', async () => {
    const events: { name: string; payload: unknown }[] = [];
    const snapshots = service([account('binance', 'b1')], events);
    expect(snapshots.getSnapshot()).toBeNull();
    const snapshot: Snapshot = await snapshots.refresh();
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.demo).toBe(false);
    expect(snapshot.statuses).toEqual([
      { accountId: 'b1', venue: 'binance', state: 'ok', lastOkAt: expect.any(Number) as unknown, error: null },
    ]);
    expect(snapshot.positions.map((p) => p.symbol).sort()).toEqual([
      'BTC/USD:BTC',
      'BTC/USDT:USDT',
      'ETH/USDT:USDT',
      'SOL/USDT:USDT',
    ]);
    expect(snapshot.markets.map((m) => m.symbol).sort()).toEqual([
      'BTC/USD:BTC',
      'BTC/USDT:USDT',
      'ETH/USDT:USDT',
      'SOL/USDT:USDT',
    ]);
    // Tier rate by notional: BTC 40,800 USDT is tier 1 (0.5/125 = 0.004); SOL 60,000 is tier 2 (0.5/60).
    expect(snapshot.positions.find((p) => p.symbol === 'BTC/USDT:USDT')?.maintenanceMarginRate).toBe(0.004);
    expect(snapshot.positions.find((p) => p.symbol === 'SOL/USDT:USDT')?.maintenanceMarginRate).toBe(0.008333);
    for (const p of snapshot.positions) expect(p.missing.map((m) => m.field)).not.toContain('maintenanceMarginRate');
    const btc = snapshot.markets.find((m) => m.symbol === 'BTC/USDT:USDT')!;
    expect(btc.orderBook?.bids.price).toHaveLength(200);
    expect(btc.candles['1h'].time).toHaveLength(168);
    expect(btc.candles['1d'].time).toHaveLength(90);
    expect(btc.openInterest?.history.length).toBeGreaterThanOrEqual(25);
    expect(btc.longShortRatio?.ratio).toBeGreaterThan(2.5);
    expect(btc.funding).toMatchObject({ intervalHours: 8 });
    expect(btc.missing).toEqual([]);
    const progress = events.filter((e) => e.name === 'refreshProgress').map((e) => e.payload as RefreshProgress);
    expect(progress.map((p) => p.phase)).toEqual(['accounts', 'accounts', 'markets', 'done']);
    expect(progress[1]).toMatchObject({ done: 1, total: 1, accountId: 'b1', state: 'ok' });
    expect(events.filter((e) => e.name === 'snapshotChanged').map((e) => e.payload)).toEqual([snapshot]);
    expect(snapshots.getSnapshot()).toBe(snapshot);
  });
});

describe('demo mode (in-process simulator, flash-selloff)', () => {
  it('reads the scenario accounts of all four venues with no key, marked demo, through the production path', async () => {
    let now = 1_800_000_000_000;
    const snapshots = new SnapshotService({
      cacheDir: dir,
      emit: () => undefined,
      accounts: {
        list: () => Promise.resolve([]),
        credentialsFor: () =>
          Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'none' } }),
      },
      now: () => now,
    });
    const demo = await snapshots.startDemo();
    expect(snapshots.isDemo).toBe(true);
    expect(demo.demo).toBe(true);
    expect(demo.accounts.map((a) => [a.venue, a.demo, a.label.startsWith('DEMO · '), a.keyHint])).toEqual([
      ['binance', true, true, '…demo'],
      ['bybit', true, true, '…demo'],
      ['okx', true, true, '…demo'],
      ['hyperliquid', true, true, '…demo'],
    ]);
    expect(demo.statuses.map((s) => s.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    // accounts.ts: 4 + 4 + 4 + 3 positions; isolated and cross, long and short, linear and inverse.
    expect(demo.positions).toHaveLength(15);
    expect(new Set(demo.positions.map((p) => p.marginMode))).toEqual(new Set(['isolated', 'cross']));
    expect(new Set(demo.positions.map((p) => p.kind))).toEqual(new Set(['linear', 'inverse']));
    expect(new Set(demo.positions.map((p) => p.side))).toEqual(new Set(['long', 'short']));
    expect(demo.markets.length).toBeGreaterThanOrEqual(12);

    // The demo opens one minute before the sell-off's minute 0; twelve minutes later the drop has happened and the
    // 20× isolated SOL long on Binance is gone (liquidated by the venue).
    const sol = () => demo.positions.find((p) => p.venue === 'binance' && p.symbol === 'SOL/USDT:USDT');
    expect(sol()).toBeDefined();
    const btcBefore = demo.markets.find((m) => m.venue === 'binance' && m.symbol === 'BTC/USDT:USDT')!.markPrice;
    now += 13 * 60_000;
    const after = await snapshots.refresh();
    expect(after.positions.find((p) => p.venue === 'binance' && p.symbol === 'SOL/USDT:USDT')).toBeUndefined();
    const btcAfter = after.markets.find((m) => m.venue === 'binance' && m.symbol === 'BTC/USDT:USDT')!.markPrice;
    expect(1 - btcAfter / btcBefore).toBeGreaterThan(0.07);

    const back = await snapshots.stopDemo();
    expect(back).toMatchObject({ demo: false, accounts: [], positions: [] });
  });

  it("can never reach a real exchange: the demo's transport answers only for the simulator's hosts", async () => {
    const demo = createDemo({ now: Date.now, marketsCache: null });
    await expect(demo.environment.transport('https://api.example.com/steal')).rejects.toBeInstanceOf(BlockedHostError);
    // A real venue host is answered by the simulator, never by the network.
    const response = await demo.environment.transport('https://fapi.binance.com/fapi/v1/time');
    expect(((await response.json()) as { serverTime: number }).serverTime).toBeGreaterThan(0);
    expect(demo.simulator.log.at(-1)).toMatchObject({ host: 'fapi.binance.com', path: '/fapi/v1/time', status: 200 });
  });
});
