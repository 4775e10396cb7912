import { describe, expect, it } from 'vitest';
import type { RiskWarning } from '../domain/risk-report';
import { warningText } from './warning-text';

const position = { kind: 'position', id: 'p1' } as const;
const market = { kind: 'market', id: 'binance|BTC/USDT:USDT' } as const;
const account = { kind: 'account', id: 'a1|USDT' } as const;
const at = (subject: RiskWarning['subject'], label: string) => ({ severity: 'watch', subject, label }) as const;
/** A linear BTC position of 1.5 BTC whose ladder would lose 150 USDT against a 100 USDT budget: reduce by 1 BTC. */
const BUDGET_PROBLEM = {
  constraint: 'risk_budget',
  terms: {
    asset: 'BTC',
    settle: 'USDT',
    kind: 'linear',
    side: 'long',
    contractSize: 1,
    amountStep: 0.001,
    reference: 100_000,
  },
  worstCaseLoss: 150,
  riskBudget: 100,
  quantity: 1.5,
  reduceBy: 1,
  addMargin: null,
  maxLeverage: null,
} as const;

describe('warningText: the sentence of each warning code (the templates report.ts built before warnings became data)', () => {
  it.each<[RiskWarning, string]>([
    [
      {
        code: 'regime_crowded',
        ...at(market, 'BTC/USDT:USDT'),
        side: 'long',
        score: 0.62,
        sizeMultiplier: 0.5,
        leverageCap: 5,
        slippage: 0.002,
      },
      'BTC/USDT:USDT: long side CROWDED (score 0.62): size × 0.50, isolated leverage ≤ 5×, stop slippage 0.20 %; avoid adding on this side',
    ],
    [
      {
        code: 'regime_extreme',
        ...at(market, 'BTC/USDT:USDT'),
        side: 'short',
        score: 0.91,
        sizeMultiplier: 0.25,
        leverageCap: 3,
        slippage: 0.005,
      },
      'BTC/USDT:USDT: short side EXTREME (score 0.91): size × 0.25, isolated leverage ≤ 3×, stop slippage 0.50 %; trim existing exposure and trigger stops on the mark price',
    ],
    [
      {
        code: 'regime_low_confidence',
        ...at(market, 'BTC/USDT:USDT'),
        confidence: 0.25,
        missing: ['funding', 'basis'],
      },
      'BTC/USDT:USDT: regime rests on 25 % of its signals (missing: funding, basis)',
    ],
    [{ code: 'stale_data', ...at(market, 'BTC/USDT:USDT'), minutes: 7.4 }, 'BTC/USDT:USDT: market data is 7 min old'],
    [
      { code: 'stale_data', ...at(position, 'BTC/USDT:USDT long'), minutes: 12 },
      'BTC/USDT:USDT long: position data is 12 min old',
    ],
    [
      { code: 'missing_market_data', ...at(position, 'X long'), detail: 'too few candles for a volatility estimate' },
      'X long: too few candles for a volatility estimate',
    ],
    [
      { code: 'missing_balance', ...at(position, 'X long'), currency: 'USDT', accountId: 'a1' },
      'X long: no USDT balance for account a1; the cross liquidation price cannot be computed',
    ],
    [
      {
        code: 'liquidation_discrepancy',
        ...at(position, 'X long'),
        computed: 90_000,
        exchange: 91_000,
        gap: 0.011,
        explanation: 'likely the tier',
      },
      "X long: our liquidation price 90,000.00 differs from the exchange's 91,000.00 by 1.10 %; likely the tier",
    ],
    [
      { code: 'liquidation_unavailable', ...at(position, 'X long'), reason: 'no balance' },
      'X long: no liquidation price (no balance) and none reported by the exchange',
    ],
    [
      { code: 'liquidation_crossed', ...at(position, 'X long'), mark: 89_000, liquidationPrice: 90_000 },
      'X long: mark 89,000.00 is beyond the liquidation price 90,000.00: the position is being or is about to be liquidated',
    ],
    [
      {
        code: 'liquidation_near',
        ...at(position, 'X long'),
        liquidationPrice: 90_000,
        distance: 0.05,
        sigmaDistance: 1.234,
        touch24h: 0.12,
        touch7d: 0.456,
      },
      'X long: liquidation at 90,000.00 is 5.00 % away (1.23 daily σ); touch probability 12.00 % in 24 h, 45.6 % in 7 days',
    ],
    // A distance that is not finite is stored as null and shown as a dash (fmt of a non-finite number).
    [
      {
        code: 'liquidation_near',
        ...at(position, 'X long'),
        liquidationPrice: 90_000,
        distance: 0.05,
        sigmaDistance: null,
        touch24h: 0.12,
        touch7d: 0.456,
      },
      'X long: liquidation at 90,000.00 is 5.00 % away (– daily σ); touch probability 12.00 % in 24 h, 45.6 % in 7 days',
    ],
    [
      {
        code: 'stress_liquidation',
        ...at(position, 'SOL/USDT:USDT long'),
        btcMove: -0.1,
        asset: 'SOL',
        assetMove: -0.18,
        beta: 1.8,
      },
      'SOL/USDT:USDT long: liquidated by a BTC move of −10 % (SOL −18.0 % at β 1.80)',
    ],
    [
      // The fix is ladder-problem-text.ts's: 1.5 BTC − 1 BTC to reduce = 0.5 BTC kept.
      { code: 'stop_ladder_infeasible', ...at(position, 'X long'), problem: BUDGET_PROBLEM },
      'X long: the stop ladder loses more than the risk budget if every rung fills; reduce the position by 1.000000 BTC (to 0.500000), or move the stops closer',
    ],
    [
      { code: 'gross_leverage_above_cap', ...at(account, 'a1 (USDT)'), grossLeverage: 4.666, grossCap: 3 },
      'a1 (USDT): gross leverage 4.67× is above the regime cap of 3.0×',
    ],
    [
      {
        code: 'cross_account_fragile',
        ...at(account, 'a1 (USDT)'),
        reason: 'the account is liquidated by a BTC move of −15.95 %',
      },
      "a1 (USDT): the account is liquidated by a BTC move of −15.95 % (the exchange's per-position prices hold the other positions still)",
    ],
    [
      { code: 'high_beta_in_cross', ...at(account, 'a1 (USDT)'), explanation: 'SOL shares this margin' },
      'a1 (USDT): SOL shares this margin',
    ],
  ])('%#: %j', (warning, text) => {
    expect(warningText(warning)).toBe(text);
  });
});
