import { describe, expect, it } from 'vitest';
import { seriesFromBars } from '../../shared/domain/test-candles';
import { estimateBeta } from '../../shared/risk/stats';
import { DAY, HOUR, MINUTE } from './market-model';
import { DEFAULT_START_MS, ManualClock, Simulator } from './simulator';

/** The simulator's router and scenario model (scenario numbers from electron/simulator/scenarios/*.ts). */
const get = (sim: Simulator, url: string) => sim.handle({ method: 'GET', url, headers: {}, body: undefined });

describe('simulator router', () => {
  it.each([
    ['an unknown host', 'https://api.example.com/v1/anything'],
    [
      'an unknown Binance path (e.g. an endpoint renamed by a ccxt upgrade)',
      'https://fapi.binance.com/fapi/v9/positionRisk',
    ],
    ['a non-https URL', 'http://fapi.binance.com/fapi/v1/time'],
  ])('answers 404 for %s, and logs it', (_what, url) => {
    const sim = new Simulator({ scenario: 'calm' });
    expect(get(sim, url).status).toBe(404);
    expect(sim.log.at(-1)).toMatchObject({ status: 404, endpoint: null });
  });

  it('is deterministic: two simulators of one scenario and clock serve identical bytes', () => {
    const url = 'https://fapi.binance.com/fapi/v1/klines?symbol=ETHUSDT&interval=1h&limit=50';
    const a = new Simulator({ scenario: 'flash-selloff' });
    const b = new Simulator({ scenario: 'flash-selloff' });
    expect(get(a, url).body).toBe(get(b, url).body);
  });

  it('requires a signature on private endpoints (Binance: -2015 without a key)', () => {
    const sim = new Simulator({ scenario: 'calm' });
    const response = get(sim, 'https://fapi.binance.com/fapi/v3/positionRisk?timestamp=1');
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' });
  });

  it('injects a fault only on its venue and endpoint, and only as many times as asked', () => {
    const sim = new Simulator({ scenario: 'calm' });
    sim.injectFault({ venue: 'binance', kind: 'server-error', endpoint: '/fapi/v1/premiumIndex', times: 1 });
    expect(get(sim, 'https://fapi.binance.com/fapi/v1/time').status).toBe(200);
    expect(get(sim, 'https://fapi.binance.com/fapi/v1/premiumIndex').status).toBe(503);
    expect(get(sim, 'https://fapi.binance.com/fapi/v1/premiumIndex').status).toBe(200);
    expect(sim.log.map((e) => e.fault)).toEqual([null, 'server-error', null]);
  });

  it('rate-limit faults answer 429 with Retry-After; malformed-json cuts the body; missing-field drops the field', () => {
    const sim = new Simulator({ scenario: 'calm' });
    sim.injectFault({ venue: 'binance', kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
    const limited = get(sim, 'https://fapi.binance.com/fapi/v1/time');
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '7']);
    sim.injectFault({ venue: 'binance', kind: 'malformed-json', times: 1 });
    expect(() => JSON.parse(get(sim, 'https://fapi.binance.com/fapi/v1/premiumIndex').body) as unknown).toThrow();
    sim.injectFault({ venue: 'binance', kind: 'missing-field', field: 'markPrice', times: 1 });
    expect(get(sim, 'https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT').body).not.toContain('markPrice');
  });
});

describe('flash-selloff scenario (crowded longs, then a fast drop)', () => {
  const clock = new ManualClock(DEFAULT_START_MS);
  const sim = new Simulator({ scenario: 'flash-selloff', clock });
  const btc = sim.market.asset('BTC')!;
  const t0 = DEFAULT_START_MS;

  it('funding is about 0.05 %/8 h at minute 0 and rising into minute 3', () => {
    // Path keyframes: 0.0005 at minute 0, 0.00055 at minute 3; the asset tilt is within ±15 %.
    const f0 = sim.market.fundingRate8h(btc, t0);
    expect(f0).toBeGreaterThan(0.0005 * 0.85);
    expect(f0).toBeLessThan(0.0005 * 1.15);
    expect(sim.market.fundingRate8h(btc, t0 + 3 * MINUTE)).toBeGreaterThan(f0);
    expect(sim.market.fundingRate8h(btc, t0 - DAY)).toBeLessThan(f0);
  });

  it('open interest is up about 15 % on 24 h, long/short above 2.5, book depth halved', () => {
    // Path: open interest 1 → 1.15, long/short 1.9 → 2.7 (±5 % tilt), depth 1 → 0.5 over the 24 h before minute 0.
    const oiRatio =
      sim.market.openInterestBase(btc, 'binance', t0) / sim.market.openInterestBase(btc, 'binance', t0 - DAY);
    expect(oiRatio).toBeGreaterThan(1.13);
    expect(oiRatio).toBeLessThan(1.17);
    expect(sim.market.longShortRatio(btc, t0)).toBeGreaterThan(2.5);
    const depth = (ms: number) => sim.market.book(btc, 'binance', ms, 50).bids.reduce((sum, [, q]) => sum + q, 0);
    expect(depth(t0) / depth(t0 - DAY)).toBeGreaterThan(0.4);
    expect(depth(t0) / depth(t0 - DAY)).toBeLessThan(0.6);
  });

  it('then drops 8–12 % within minutes (path 1.001 at minute 3 → 0.906 at minute 9)', () => {
    const before = sim.market.markPrice(btc, 'binance', t0 + 3 * MINUTE);
    const after = sim.market.markPrice(btc, 'binance', t0 + 9 * MINUTE);
    const drop = 1 - after / before;
    expect(drop).toBeGreaterThan(0.08);
    expect(drop).toBeLessThan(0.12);
  });

  it('liquidates the 20× isolated SOL long during the drop and charges its margin to the wallet', () => {
    clock.set(t0);
    const open = () => sim.accounts.openPositions('sim-binance-1', clock.now()).map((s) => s.position.asset.base);
    expect(open()).toContain('SOL');
    clock.set(t0 + 12 * MINUTE);
    expect(open()).not.toContain('SOL');
    const liquidation = sim.accounts
      .liquidationsUntil(clock.now())
      .find((l) => l.positionId.startsWith('sim-binance-1'));
    expect(liquidation?.at).toBeGreaterThan(t0 + 3 * MINUTE);
    // Isolated: the loss is the position's margin, 400 × 150 / 20 = 3,000 USDT (scenario accounts.ts).
    expect(liquidation?.loss).toBe(3_000);
    const usdt = sim.accounts.balances('sim-binance-1', clock.now()).find((b) => b.currency === 'USDT');
    expect(usdt?.walletBalance).toBe(30_000 - 3_000);
    // Moving the clock back un-liquidates: what the venue reports depends only on the time asked.
    clock.set(t0);
    expect(open()).toContain('SOL');
  });

  it('candles are consistent: each bar opens where the previous closed, high ≥ open/close ≥ low', () => {
    const bars = sim.market.bars(btc, 'binance', HOUR, t0, 48);
    for (let i = 1; i < bars.length; i++) {
      const [prev, bar] = [bars[i - 1]!, bars[i]!];
      expect(bar.open).toBe(prev.close);
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
    }
  });

  it.each([
    ['bybit', HOUR],
    ['okx', DAY],
    ['hyperliquid', HOUR],
  ] as const)(
    "%s candles (%d ms) open at that venue's mark price, whichever venues' and intervals' candles were asked before",
    (venue, interval) => {
      // Every venue's completed bars share one set of fair-price samples per asset, interval and open time.
      const fresh = new Simulator({ scenario: 'flash-selloff', clock: new ManualClock(t0) });
      const freshBtc = fresh.market.asset('BTC')!;
      fresh.market.bars(freshBtc, 'binance', HOUR, t0 + 5 * MINUTE, 48);
      fresh.market.bars(freshBtc, 'binance', DAY, t0 + 5 * MINUTE, 30);
      const after = fresh.market.bars(freshBtc, venue, interval, t0 + 5 * MINUTE, 24);
      const alone = new Simulator({ scenario: 'flash-selloff', clock: new ManualClock(t0) }).market;
      expect(after).toEqual(alone.bars(alone.asset('BTC')!, venue, interval, t0 + 5 * MINUTE, 24));
      // A bar's open is the venue's mark price at its open time (market-model.ts `bars`).
      for (const bar of after) expect(bar.open).toBe(fresh.market.markPrice(freshBtc, venue, bar.time));
    },
  );
});

describe('calm scenario', () => {
  it('stays within a few percent over a day and keeps funding at 0.01 %/8 h', () => {
    const sim = new Simulator({ scenario: 'calm' });
    const btc = sim.market.asset('BTC')!;
    const moves = Array.from(
      { length: 24 },
      (_, h) => sim.market.markPrice(btc, 'binance', DEFAULT_START_MS + h * HOUR) / 68_000 - 1,
    );
    expect(Math.max(...moves.map(Math.abs))).toBeLessThan(0.05);
    expect(sim.market.fundingRate8h(btc, DEFAULT_START_MS)).toBeCloseTo(0.0001, 4);
  });
});

/**
 * Daily candles co-move with BTC: the risk engine's beta estimate (shared/risk/stats estimateBeta, risk-method.md
 * §5.1) from 90 simulated daily candles lands near each asset's scenario beta (universe.ts: ETH 1.1, SOL 1.3, XRP 1.2;
 * before this, the assets' noise was independent and SOL's estimate was about 0.1). Tolerance: 90 days of noise.
 */
describe('assets follow BTC with their beta', () => {
  it.each([
    ['calm', 'ETH'],
    ['calm', 'SOL'],
    ['calm', 'XRP'],
    ['flash-selloff', 'ETH'],
    ['flash-selloff', 'SOL'],
  ] as const)('%s: %s daily candles give beta ≈ its scenario beta', (scenario, base) => {
    const sim = new Simulator({ scenario });
    const daily = (asset: NonNullable<ReturnType<typeof sim.market.asset>>) =>
      seriesFromBars(sim.market.bars(asset, 'binance', DAY, sim.clock.now(), 90));
    const asset = sim.market.asset(base);
    const btc = sim.market.asset('BTC');
    expect(asset && btc).toBeTruthy();
    if (!asset || !btc) return;
    const beta = estimateBeta(daily(asset), daily(btc));
    expect(beta).not.toBeNull();
    expect(Math.abs((beta ?? 0) - asset.beta)).toBeLessThan(0.35);
  });
});
