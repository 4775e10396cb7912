import type { Tier } from '../../domain/market';
import { tiersFromFloors } from './tiers';

/**
 * Published tier tables, for tests, benchmarks and demo data. Live tables must always be loaded from the venue:
 * they change often (liquidation.md §8.2). Never use these for a real account.
 */
// liquidation.md §1 (a): freqtrade binance_leverage_tiers.json @ c9ae5e1 (2024-10-24), BTCUSDT floors and MMRs.
export const BTCUSDT_2024: Tier[] = tiersFromFloors(
  (
    [
      [0, 0.004, 125],
      [50_000, 0.005, 100],
      [600_000, 0.0065, 75],
      [3_000_000, 0.01, 50],
      [12_000_000, 0.02, 25],
      [70_000_000, 0.025, 20],
      [100_000_000, 0.05, 10],
      [230_000_000, 0.1, 5],
      [480_000_000, 0.125, 4],
      [600_000_000, 0.15, 3],
      [800_000_000, 0.25, 2],
      [1_200_000_000, 0.5, 1],
    ] as const
  ).map(([floor, rate, maxLeverage]) => ({ floor, rate, maxLeverage })),
);

// liquidation.md §2: ccxt fixture binance.json options.leverageBrackets["BTC/USD:BTC"] (floors in BTC → MMR).
export const BTCUSD_COINM: Tier[] = tiersFromFloors(
  (
    [
      [0, 0.004],
      [5, 0.005],
      [10, 0.01],
      [20, 0.025],
      [50, 0.05],
      [100, 0.1],
      [200, 0.125],
      [400, 0.15],
      [1000, 0.25],
      [1500, 0.5],
    ] as const
  ).map(([floor, rate]) => ({ floor, rate, maxLeverage: 1 / (2 * rate) })),
);

/**
 * liquidation.md §3e: Bybit BTCUSDT risk limits (mirror of "Margin Parameters", undated, first 20 tiers):
 * [risk limit (cap), MMR, published MM deduction]. Floors are the previous tier's risk limit.
 */
export const BYBIT_BTCUSDT_PUBLISHED = [
  [2_000_000, 0.005, 0],
  [2_600_000, 0.0056, 1_200],
  [3_200_000, 0.0063, 3_020],
  [3_800_000, 0.0067, 4_300],
  [4_400_000, 0.0071, 5_820],
  [5_000_000, 0.0077, 8_460],
  [5_600_000, 0.0091, 15_460],
  [8_500_000, 0.01, 20_500],
  [10_000_000, 0.013, 46_000],
  [14_000_000, 0.015, 66_000],
  [20_000_000, 0.016, 80_000],
  [28_000_000, 0.02, 160_000],
  [38_000_000, 0.025, 300_000],
  [50_000_000, 0.029, 452_000],
  [55_000_000, 0.03, 502_000],
  [60_000_000, 0.035, 777_000],
  [65_000_000, 0.036, 837_000],
  [70_000_000, 0.038, 967_000],
  [75_000_000, 0.04, 1_107_000],
  [80_000_000, 0.045, 1_482_000],
] as const;

export const BYBIT_BTCUSDT: Tier[] = tiersFromFloors(
  BYBIT_BTCUSDT_PUBLISHED.map(([, rate], i) => ({
    floor: i === 0 ? 0 : (BYBIT_BTCUSDT_PUBLISHED[i - 1]?.[0] ?? 0),
    rate,
    maxLeverage: 1 / (2 * rate),
  })),
);

/** liquidation.md §5: Hyperliquid BTC margin tiers, 0–150M USDC at 40×, above at 20×. */
export const HYPERLIQUID_BTC: Tier[] = tiersFromFloors([
  { floor: 0, rate: 1 / 80, maxLeverage: 40 },
  { floor: 150_000_000, rate: 1 / 40, maxLeverage: 20 },
]);
