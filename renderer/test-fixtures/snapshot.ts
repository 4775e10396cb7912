import type { Account } from '../../shared/domain/account';
import { emptyCandleSeries, type CandleSeries, type Market } from '../../shared/domain/market';
import type { Position } from '../../shared/domain/position';
import type { Snapshot, SourceStatus } from '../../shared/domain/snapshot';

/**
 * A small, deterministic snapshot for component tests: one Binance account with a BTC long close to liquidation
 * (isolated 20×) and an ETH short far from it (cross 3×), markets with hourly and daily candles, a book, funding,
 * open interest and tiers. Prices follow a fixed sine path so volatility is non-zero and repeatable.
 */
export const FIXTURE_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function candles(last: number, count: number, stepMs: number, amplitude: number): CandleSeries {
  const out = emptyCandleSeries();
  for (let i = 0; i < count; i++) {
    const mid = last * (1 + amplitude * Math.sin(i / 3));
    out.time.push(FIXTURE_NOW - (count - i) * stepMs);
    out.open.push(mid * 0.999);
    out.high.push(mid * (1 + amplitude));
    out.low.push(mid * (1 - amplitude));
    out.close.push(mid);
    out.volume.push(1000);
  }
  return out;
}

function market(base: string, mark: number, fundingRate: number): Market {
  const tick = mark > 1000 ? 0.1 : 0.01;
  const levels = Array.from({ length: 40 }, (_, i) => i + 1);
  return {
    venue: 'binance',
    symbol: `${base}/USDT:USDT`,
    base,
    quote: 'USDT',
    settle: 'USDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: tick,
    amountStep: 0.001,
    minAmount: 0.001,
    maxLeverage: 125,
    takerFee: 0.0005,
    markPrice: mark,
    indexPrice: mark * 0.9995,
    funding: {
      rate: fundingRate,
      intervalHours: 8,
      nextFundingTime: FIXTURE_NOW + 4 * HOUR,
      history: Array.from({ length: 21 }, (_, i) => ({
        time: FIXTURE_NOW - (21 - i) * 8 * HOUR,
        rate: fundingRate * (0.5 + i / 40),
      })),
    },
    openInterest: {
      amountBase: 50_000,
      valueUsd: 50_000 * mark,
      history: Array.from({ length: 25 }, (_, i) => ({
        time: FIXTURE_NOW - (24 - i) * HOUR,
        amountBase: 45_000 + i * 200,
      })),
    },
    longShortRatio: { ratio: 2.6, source: 'top accounts', history: [] },
    orderBook: {
      bids: { price: levels.map((i) => mark - i * tick * 10), amount: levels.map((i) => 2 + i / 10) },
      asks: { price: levels.map((i) => mark + i * tick * 10), amount: levels.map((i) => 2 + i / 10) },
      time: FIXTURE_NOW,
    },
    candles: { '1h': candles(mark, 300, HOUR, 0.004), '1d': candles(mark, 90, DAY, 0.02) },
    tiers: [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 50_000,
        maintenanceMarginRate: 0.004,
        maintenanceAmount: 0,
        maxLeverage: 125,
      },
      {
        tier: 2,
        minNotional: 50_000,
        maxNotional: 600_000,
        maintenanceMarginRate: 0.005,
        maintenanceAmount: 50,
        maxLeverage: 100,
      },
      {
        tier: 3,
        minNotional: 600_000,
        maxNotional: 3_000_000,
        maintenanceMarginRate: 0.0065,
        maintenanceAmount: 950,
        maxLeverage: 75,
      },
    ],
    updatedAt: FIXTURE_NOW,
    missing: [],
  };
}

export const FIXTURE_ACCOUNT: Account = {
  accountId: 'acct-1',
  venue: 'binance',
  label: 'Binance main',
  keyHint: '…ab12',
  permissions: {
    read: true,
    trade: false,
    withdraw: false,
    transfer: false,
    venueFlags: ['enableReading'],
    checkedAt: FIXTURE_NOW,
  },
  enabled: true,
  disabledReason: null,
  sessionOnly: false,
  demo: false,
  addedAt: FIXTURE_NOW - DAY,
};

function position(
  base: string,
  side: 'long' | 'short',
  size: number,
  entry: number,
  mark: number,
  leverage: number,
  marginMode: 'isolated' | 'cross',
  exchangeLiq: number,
): Position {
  const symbol = `${base}/USDT:USDT`;
  return {
    id: `acct-1|${symbol}|${side}`,
    accountId: 'acct-1',
    venue: 'binance',
    symbol,
    base,
    quote: 'USDT',
    settle: 'USDT',
    kind: 'linear',
    side,
    contracts: size,
    contractSize: 1,
    sizeBase: size,
    notionalUsd: size * mark,
    entryPrice: entry,
    markPrice: mark,
    leverage,
    marginMode,
    positionMode: 'one-way',
    isolatedMarginSettle: marginMode === 'isolated' ? (size * entry) / leverage : null,
    maintenanceMarginSettle: size * mark * 0.004,
    maintenanceMarginRate: 0.004,
    initialMarginSettle: (size * entry) / leverage,
    unrealizedPnlSettle: (side === 'long' ? 1 : -1) * size * (mark - entry),
    exchangeLiquidationPrice: exchangeLiq,
    updatedAt: FIXTURE_NOW,
    missing: [],
  };
}

export function fixtureSnapshot(overrides: { statuses?: SourceStatus[]; takenAt?: number } = {}): Snapshot {
  return {
    takenAt: overrides.takenAt ?? FIXTURE_NOW,
    demo: false,
    accounts: [FIXTURE_ACCOUNT],
    balances: [
      {
        accountId: 'acct-1',
        venue: 'binance',
        currency: 'USDT',
        equity: 25_000,
        walletBalance: 25_000,
        availableMargin: 15_000,
        crossMaintenanceMargin: 100,
        crossUnrealizedPnl: 0,
        marginRatio: { value: 0.012, liquidationAt: '100%', marginMode: 'cross' },
        equityUsd: 25_000,
        updatedAt: FIXTURE_NOW,
      },
    ],
    positions: [
      position('BTC', 'long', 0.5, 100_000, 96_000, 20, 'isolated', 95_400),
      position('ETH', 'short', 4, 3_500, 3_480, 3, 'cross', 9_100),
    ],
    markets: [market('BTC', 96_000, 0.0005), market('ETH', 3_480, 0.0003)],
    statuses: overrides.statuses ?? [
      { accountId: 'acct-1', venue: 'binance', state: 'ok', lastOkAt: FIXTURE_NOW, error: null },
    ],
  };
}
