import { bench, describe } from 'vitest';
import { defaultSettings } from '../domain/settings';
import type { Side } from '../domain/venue';
import { BTCUSD_COINM, BTCUSDT_2024, BYBIT_BTCUSDT, HYPERLIQUID_BTC } from './liquidation/example-tables';
import { liquidationPrice, singleTier } from './liquidation/index';
import type { LiquidationInput } from './liquidation/types';
import { buildRiskReport } from './report';
import { seededRandom, syntheticSnapshot } from './synthetic';

/**
 * Targets (issue 3): liquidationPrice ≥ 2,000,000 calls/s; buildRiskReport for 1,000 positions over 20 markets with
 * 200-level books and 500 candles each ≤ 10 ms median. Run: `npx vitest bench --run shared/risk`.
 * The first bench runs 1,000 calls per iteration: calls/s = hz × 1,000.
 */

const rnd = seededRandom(11);
const side = (): Side => (rnd() < 0.5 ? 'long' : 'short');
const makers: ((i: number) => LiquidationInput)[] = [
  () => ({
    model: 'binance-usdm',
    marginMode: 'isolated',
    walletBalance: 500 + rnd() * 5_000,
    otherMaintenanceMargin: 0,
    otherUnrealizedPnl: 0,
    legs: [{ side: side(), positionAmt: 0.1 + rnd(), entryPrice: 90_000 + rnd() * 20_000 }],
    brackets: BTCUSDT_2024,
  }),
  () => ({
    model: 'binance-usdm',
    marginMode: 'cross',
    walletBalance: 20_000 + rnd() * 50_000,
    otherMaintenanceMargin: rnd() * 500,
    otherUnrealizedPnl: (rnd() - 0.5) * 2_000,
    legs: [
      { side: 'long', positionAmt: 1 + rnd() * 5, entryPrice: 100_000 },
      { side: 'short', positionAmt: rnd(), entryPrice: 99_000 },
    ],
    brackets: BTCUSDT_2024,
  }),
  () => ({
    model: 'binance-coinm',
    marginMode: 'isolated',
    walletBalance: 0.05 + rnd(),
    otherMaintenanceMargin: 0,
    otherUnrealizedPnl: 0,
    legs: [{ side: side(), positionAmt: 10 + rnd() * 1_000, entryPrice: 95_000 }],
    contractSize: 100,
    brackets: BTCUSD_COINM,
  }),
  () => ({
    model: 'bybit-linear-isolated',
    side: side(),
    size: 0.1 + rnd() * 3,
    entryPrice: 100_000,
    leverage: 2 + rnd() * 40,
    extraMarginAdded: rnd() * 100,
    riskLimits: BYBIT_BTCUSDT,
  }),
  () => ({
    model: 'bybit-inverse-isolated',
    side: side(),
    size: 1_000 + rnd() * 100_000,
    entryPrice: 100_000,
    leverage: 2 + rnd() * 20,
    extraMarginAdded: 0,
    takerFeeRate: 0.00055,
    riskLimits: BTCUSD_COINM,
  }),
  () => ({
    model: 'bybit-inverse-cross-legacy',
    side: side(),
    qty: 1_000 + rnd() * 10_000,
    entryPrice: 8_000,
    accountBalance: 0.1 + rnd(),
    orderMargin: 0,
    maintenanceMarginRate: 0.005,
    takerFeeRate: 0.00075,
  }),
  () => ({
    model: 'bybit-cross',
    side: side(),
    kind: 'linear',
    size: 0.5 + rnd(),
    markPrice: 100_000,
    totalEquity: 5_000 + rnd() * 20_000,
    totalMaintenanceMargin: 300 + rnd() * 300,
    tiers: BYBIT_BTCUSDT,
  }),
  () => ({
    model: 'okx-isolated',
    kind: 'linear',
    side: side(),
    pos: 10 + rnd() * 100,
    ctVal: 0.01,
    avgPx: 100_000,
    margin: 100 + rnd() * 1_000,
    tierMmr: 0.004,
    tier: 1,
    takerFeeRate: 0.0005,
  }),
  () => ({
    model: 'okx-cross',
    kind: 'inverse',
    side: side(),
    pos: 1 + rnd() * 100,
    ctVal: 100,
    markPx: 92_000,
    eq: 0.01 + rnd() * 0.1,
    totalMmr: 0.0005,
    tierMmr: 0.004,
    tier: 1,
    takerFeeRate: 0.0005,
  }),
  () => ({
    model: 'hyperliquid-isolated',
    szi: (rnd() - 0.5) * 4,
    entryPx: 100_000,
    marginUsed: 1_000 + rnd() * 10_000,
    unrealizedPnl: 0,
    marginTiers: HYPERLIQUID_BTC,
  }),
  () => ({
    model: 'hyperliquid-cross',
    szi: 0.1 + rnd() * 2,
    markPx: 100_000,
    accountValue: 5_000 + rnd() * 10_000,
    crossMaintenanceMarginUsed: 200,
    marginTiers: [singleTier(0.0125)],
  }),
];
const inputs: LiquidationInput[] = Array.from({ length: 1_000 }, (_, i) =>
  (makers[i % makers.length] ?? makers[0]!)(i),
);
let sink = 0;

describe('liquidationPrice', () => {
  bench(
    '1,000 calls over all 10 venue models (calls/s = hz × 1,000)',
    () => {
      for (const input of inputs) sink += liquidationPrice(input).price ?? 0;
    },
    { time: 2_000 },
  );
});

const NOW = 1_750_000_000_000;
const snapshot = syntheticSnapshot({ markets: 20, positions: 1_000, bookLevels: 200, candles: 500, seed: 7, now: NOW });
const settings = defaultSettings();

describe('buildRiskReport', () => {
  bench(
    '1,000 positions, 20 markets, 200-level books, 500 candles (1h and 1d)',
    () => {
      sink += buildRiskReport({ now: NOW, snapshot, settings }).positions.length;
    },
    { time: 5_000, warmupIterations: 20 },
  );
});

export const benchSink = (): number => sink;
