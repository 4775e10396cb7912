import type { Account, Balance } from '../../../shared/domain/account';
import {
  emptyBookSide,
  emptyCandleSeries,
  type BookSide,
  type CandleSeries,
  type Market,
} from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type { Snapshot } from '../../../shared/domain/snapshot';

/**
 * A small hand-built snapshot for component tests (not market data): one Binance account holding the demo's
 * near-liquidation SOL long (400 SOL at 150, 20× isolated, 3,000 USDT margin, exchange liquidation 143.592; figures
 * as the demo's flash-selloff scenario reports them) and the SOL market with candles, book, funding, OI and L/S.
 * Deterministic: no clock, no randomness.
 */
export const TEST_NOW = 1_795_471_200_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SOL_KEY = 'binance|SOL/USDT:USDT';
export const SOL_POSITION_ID = 'acc-1|SOL/USDT:USDT|long';

function candles(count: number, stepMs: number, amplitude: number): CandleSeries {
  const out = emptyCandleSeries();
  let open = 150 * (1 + amplitude * Math.sin(0));
  for (let i = 0; i < count; i++) {
    const close = i === count - 1 ? 150.02 : 150 * (1 + amplitude * Math.sin((i + 1) * 0.9));
    const high = Math.max(open, close) * (1 + amplitude / 2);
    const low = Math.min(open, close) * (1 - amplitude / 2);
    out.time.push(TEST_NOW - (count - i) * stepMs);
    out.open.push(open);
    out.high.push(high);
    out.low.push(low);
    out.close.push(close);
    out.volume.push(1000 + i);
    open = close;
  }
  return out;
}

function book(side: 'bids' | 'asks'): BookSide {
  const levels = emptyBookSide();
  for (let i = 0; i < 60; i++) {
    const price = side === 'bids' ? 150.01 - i * 0.1 : 150.03 + i * 0.1;
    levels.price.push(Math.round(price * 100) / 100);
    levels.amount.push(500);
  }
  return levels;
}

export function solMarket(): Market {
  return {
    venue: 'binance',
    symbol: 'SOL/USDT:USDT',
    base: 'SOL',
    quote: 'USDT',
    settle: 'USDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0.01,
    amountStep: 0.1,
    minAmount: 0.1,
    maxLeverage: 75,
    takerFee: 0.0005,
    markPrice: 150.02,
    indexPrice: 150,
    funding: {
      rate: 0.00048394,
      intervalHours: 8,
      // Next funding 2 h 05 min after the snapshot.
      nextFundingTime: TEST_NOW + 2 * HOUR + 5 * 60_000,
      // 24 settled rates, every 8 h back from the snapshot: 20 of them fall within the last 7 days (k·8 h < 168 h).
      history: Array.from({ length: 24 }, (_, i) => ({
        time: TEST_NOW - (24 - i) * 8 * HOUR,
        rate: 0.0001 + i * 0.00001,
      })),
    },
    openInterest: {
      amountBase: 4_000_000,
      valueUsd: null,
      // Hourly, 29 h back to now: 4,000,000 − 25,000·k at k hours ago, so 24 h ago it was 3,400,000.
      history: Array.from({ length: 30 }, (_, i) => ({
        time: TEST_NOW - (29 - i) * HOUR,
        amountBase: 4_000_000 - 25_000 * (29 - i),
      })),
    },
    longShortRatio: {
      ratio: 2.657,
      source: 'Binance global long/short account ratio',
      history: Array.from({ length: 30 }, (_, i) => ({ time: TEST_NOW - (29 - i) * HOUR, ratio: 2 + i * 0.02 })),
    },
    orderBook: { bids: book('bids'), asks: book('asks'), time: TEST_NOW },
    candles: { '1h': candles(72, HOUR, 0.004), '1d': candles(40, DAY, 0.03) },
    tiers: [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 25_000,
        maintenanceMarginRate: 0.006667,
        maintenanceAmount: 0,
        maxLeverage: 75,
      },
      {
        tier: 2,
        minNotional: 25_000,
        maxNotional: 125_000,
        maintenanceMarginRate: 0.008333,
        maintenanceAmount: 41.65,
        maxLeverage: 60,
      },
      {
        tier: 3,
        minNotional: 125_000,
        maxNotional: 500_000,
        maintenanceMarginRate: 0.011111,
        maintenanceAmount: 388.9,
        maxLeverage: 45,
      },
    ],
    updatedAt: TEST_NOW,
    missing: [],
  };
}

export function solPosition(): Position {
  return {
    id: SOL_POSITION_ID,
    accountId: 'acc-1',
    venue: 'binance',
    symbol: 'SOL/USDT:USDT',
    base: 'SOL',
    quote: 'USDT',
    settle: 'USDT',
    kind: 'linear',
    side: 'long',
    contracts: 400,
    contractSize: 1,
    sizeBase: 400,
    notionalUsd: 60_008,
    entryPrice: 150,
    markPrice: 150.02,
    leverage: 20,
    marginMode: 'isolated',
    positionMode: 'one-way',
    isolatedMarginSettle: 3000,
    maintenanceMarginSettle: 458.396664,
    maintenanceMarginRate: 0.008333,
    initialMarginSettle: 3000.4,
    unrealizedPnlSettle: 8,
    exchangeLiquidationPrice: 143.592,
    updatedAt: TEST_NOW,
    missing: [],
  };
}

const account: Account = {
  accountId: 'acc-1',
  venue: 'binance',
  label: 'Main futures',
  keyHint: '…ab12',
  permissions: { read: true, trade: false, withdraw: false, transfer: false, venueFlags: [], checkedAt: TEST_NOW },
  enabled: true,
  disabledReason: null,
  sessionOnly: false,
  demo: false,
  addedAt: TEST_NOW - DAY,
};

const balance: Balance = {
  accountId: 'acc-1',
  venue: 'binance',
  currency: 'USDT',
  equity: 31_783.2,
  walletBalance: 30_000,
  availableMargin: 19_099.136,
  crossMaintenanceMargin: 0,
  crossUnrealizedPnl: 0,
  marginRatio: null,
  equityUsd: 31_783.2,
  updatedAt: TEST_NOW,
};

export function testSnapshot(patch: { market?: Partial<Market>; position?: Partial<Position> } = {}): Snapshot {
  return {
    takenAt: TEST_NOW,
    demo: false,
    accounts: [account],
    balances: [balance],
    positions: [{ ...solPosition(), ...patch.position }],
    markets: [{ ...solMarket(), ...patch.market }],
    statuses: [{ accountId: 'acc-1', venue: 'binance', state: 'ok', lastOkAt: TEST_NOW, error: null }],
  };
}
