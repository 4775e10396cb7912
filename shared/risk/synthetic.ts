import type { Balance } from '../domain/account';
import {
  emptyBookSide,
  emptyCandleSeries,
  type BookSide,
  type CandleSeries,
  type Market,
  type Tier,
} from '../domain/market';
import type { Position } from '../domain/position';
import type { Snapshot } from '../domain/snapshot';
import type { Side, Venue } from '../domain/venue';
import { BTCUSDT_2024 } from './liquidation/example-tables';
import { liquidationPrice } from './liquidation/index';

/**
 * A deterministic synthetic snapshot (seeded, no clock, no Math.random) for tests and benchmarks: markets with
 * candles, order books, funding, open interest and tiers; accounts with balances; positions whose exchange-reported
 * liquidation prices come from the venue formulas. Not market data: never show it as such.
 */

export interface SyntheticOptions {
  readonly markets: number;
  readonly positions: number;
  readonly bookLevels: number;
  readonly candles: number;
  readonly seed: number;
  readonly now: number;
  readonly positionsPerAccount?: number;
}

/** Mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BASES = [
  'BTC',
  'ETH',
  'SOL',
  'XRP',
  'DOGE',
  'ADA',
  'AVAX',
  'LINK',
  'DOT',
  'LTC',
  'BCH',
  'TRX',
  'TON',
  'SUI',
  'APT',
  'ARB',
  'OP',
  'NEAR',
  'ATOM',
  'FIL',
  'INJ',
  'SEI',
  'TIA',
  'WIF',
];
const PRICES: Record<string, number> = {
  BTC: 100_000,
  ETH: 3_500,
  SOL: 180,
  XRP: 2.2,
  DOGE: 0.35,
  LTC: 110,
  BCH: 450,
  LINK: 22,
  AVAX: 38,
};
const VENUES: readonly Venue[] = ['binance', 'bybit', 'okx', 'hyperliquid'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function candles(rnd: () => number, start: number, n: number, stepMs: number, end: number, vol: number): CandleSeries {
  // Walk backwards from `start` (the last close) so the series ends at the current price.
  const closes: number[] = [start];
  for (let i = 1; i < n; i++) closes.push((closes[i - 1] ?? start) * Math.exp(-(rnd() - 0.5) * 2 * vol * 1.7));
  closes.reverse();
  const series = emptyCandleSeries();
  for (let i = 0; i < closes.length; i++) {
    const c = closes[i] as number;
    const open = i === 0 ? c : (closes[i - 1] ?? c);
    series.time.push(end - (n - 1 - i) * stepMs);
    series.open.push(open);
    series.high.push(Math.max(open, c) * (1 + rnd() * vol));
    series.low.push(Math.min(open, c) * (1 - rnd() * vol));
    series.close.push(c);
    series.volume.push(1 + rnd() * 100);
  }
  return series;
}

function book(rnd: () => number, mid: number, levels: number, tick: number): { bids: BookSide; asks: BookSide } {
  const bids = emptyBookSide();
  const asks = emptyBookSide();
  const step = Math.max(tick, mid * 0.0001);
  // The same rnd() calls in the same order as one [price, amount] pair per level: bid amount, then ask amount.
  for (let i = 1; i <= levels; i++) {
    bids.price.push(mid - i * step);
    bids.amount.push((0.5 + rnd() * 5) * (1_000_000 / mid) * 0.05);
    asks.price.push(mid + i * step);
    asks.amount.push((0.5 + rnd() * 5) * (1_000_000 / mid) * 0.05);
  }
  return { bids, asks };
}

export function syntheticSnapshot(o: SyntheticOptions): Pick<Snapshot, 'positions' | 'markets' | 'balances'> {
  const rnd = seededRandom(o.seed);
  const markets: Market[] = [];
  for (let i = 0; i < o.markets; i++) {
    const venue = VENUES[i % VENUES.length] ?? 'binance';
    const base = BASES[Math.floor(i / VENUES.length) % BASES.length] ?? 'BTC';
    const price = PRICES[base] ?? 10 + rnd() * 50;
    const quote = venue === 'hyperliquid' ? 'USDC' : 'USDT';
    const tick = price >= 1000 ? 0.1 : price >= 1 ? 0.001 : 0.00001;
    const scale = price / 100_000;
    const tiers: Tier[] = BTCUSDT_2024.map((t) => ({ ...t, minNotional: t.minNotional, maxNotional: t.maxNotional }));
    const hist = Array.from({ length: 30 * 24 }, (_, h) => ({
      time: o.now - (30 * 24 - h) * HOUR,
      amountBase: (1e9 / price) * (1 + 0.1 * Math.sin(h / 50)),
    }));
    markets.push({
      venue,
      symbol: `${base}/${quote}:${quote}`,
      base,
      quote,
      settle: quote,
      kind: 'linear',
      contractSize: venue === 'okx' ? (base === 'BTC' ? 0.01 : 0.1) : 1,
      tickSize: tick,
      amountStep: venue === 'okx' ? 1 : Math.max(0.001, Number((0.001 / scale).toPrecision(1))),
      minAmount: 0,
      maxLeverage: 50,
      takerFee: 0.0005,
      markPrice: price,
      indexPrice: price * (1 - 0.0001 + rnd() * 0.0002),
      funding: {
        rate: (rnd() - 0.3) * 0.0004,
        intervalHours: venue === 'hyperliquid' ? 1 : 8,
        nextFundingTime: o.now + HOUR,
        history: [],
      },
      openInterest: { amountBase: (1e9 / price) * (1 + rnd() * 0.1), valueUsd: 1e9, history: hist },
      longShortRatio: { ratio: 0.7 + rnd() * 1.5, source: 'accounts', history: [] },
      orderBook: { ...book(rnd, price, o.bookLevels, tick), time: o.now },
      candles: {
        '1h': candles(rnd, price, o.candles, HOUR, o.now, 0.006),
        '1d': candles(rnd, price, o.candles, DAY, o.now, 0.03),
      },
      tiers,
      updatedAt: o.now,
      missing: [],
    });
  }

  const perVenue = Math.max(1, Math.floor(o.markets / VENUES.length));
  const perAccount = Math.min(o.positionsPerAccount ?? 5, 2 * perVenue);
  const positions: Position[] = [];
  const balances: Balance[] = [];
  const accountsNeeded = Math.ceil(o.positions / perAccount);
  for (let k = 0; k < accountsNeeded; k++) {
    const venue = VENUES[k % VENUES.length] ?? 'binance';
    const accountId = `acct-${String(k).padStart(4, '0')}`;
    const venueMarkets = markets.filter((m) => m.venue === venue);
    const quote = venue === 'hyperliquid' ? 'USDC' : 'USDT';
    const wallet = 20_000 + rnd() * 200_000;
    let crossMm = 0;
    let crossUpnl = 0;
    const mine: Position[] = [];
    // One position per (market, side) so ids stay unique; markets first, then the opposite sides (hedge-free).
    for (let j = 0; j < perAccount && positions.length + mine.length < o.positions; j++) {
      const m = venueMarkets[j % venueMarkets.length];
      if (m === undefined || j >= 2 * venueMarkets.length) break;
      const first: Side = (k + (j % venueMarkets.length)) % 5 < 3 ? 'long' : 'short';
      const side: Side = j < venueMarkets.length ? first : first === 'long' ? 'short' : 'long';
      const lev = 2 + Math.floor(rnd() * 18);
      const notional = wallet * (0.05 + rnd() * 0.3);
      const qtyBase = notional / m.markPrice;
      const contracts = qtyBase / m.contractSize;
      const entry = m.markPrice * (1 + (rnd() - 0.5) * 0.04);
      const isolated = rnd() < 0.5;
      const upnl = (side === 'long' ? 1 : -1) * qtyBase * (m.markPrice - entry);
      const mm = notional * 0.004;
      if (!isolated) {
        crossMm += mm;
        crossUpnl += upnl;
      }
      mine.push({
        id: `${accountId}|${m.symbol}|${side}`,
        accountId,
        venue,
        symbol: m.symbol,
        base: m.base,
        quote: m.quote,
        settle: m.settle,
        kind: 'linear',
        side,
        contracts,
        contractSize: m.contractSize,
        sizeBase: qtyBase,
        notionalUsd: notional,
        entryPrice: entry,
        markPrice: m.markPrice,
        leverage: isolated ? lev : null,
        marginMode: isolated ? 'isolated' : 'cross',
        positionMode: 'one-way',
        isolatedMarginSettle: isolated ? (qtyBase * entry) / lev : null,
        maintenanceMarginSettle: mm,
        maintenanceMarginRate: 0.004,
        initialMarginSettle: null,
        unrealizedPnlSettle: upnl,
        exchangeLiquidationPrice: null,
        updatedAt: o.now,
        missing: [],
      });
    }
    const equity = wallet + crossUpnl;
    balances.push({
      accountId,
      venue,
      currency: quote,
      equity,
      walletBalance: wallet,
      availableMargin: null,
      crossMaintenanceMargin: crossMm,
      crossUnrealizedPnl: crossUpnl,
      marginRatio: null,
      equityUsd: equity,
      updatedAt: o.now,
    });
    // The exchange's own figure: the isolated formula for isolated positions (± a small rounding), none for cross.
    for (const p of mine) {
      if (p.marginMode === 'isolated' && p.isolatedMarginSettle !== null) {
        const r = liquidationPrice({
          model: 'binance-usdm',
          marginMode: 'isolated',
          walletBalance: p.isolatedMarginSettle,
          otherMaintenanceMargin: 0,
          otherUnrealizedPnl: 0,
          legs: [{ side: p.side, positionAmt: p.sizeBase, entryPrice: p.entryPrice }],
          brackets: BTCUSDT_2024,
        });
        positions.push({
          ...p,
          exchangeLiquidationPrice: r.price === null ? null : r.price * (1 + (rnd() - 0.5) * 0.0004),
        });
      } else {
        positions.push(p);
      }
    }
  }
  return { positions, markets, balances };
}
