import { describe, expect, it } from 'vitest';
import type { RiskWarning } from '../domain/risk-report';
import { warningText } from './warning-text';

const position = { kind: 'position', id: 'p1' } as const;
const market = { kind: 'market', id: 'binance|BTC/USDT:USDT' } as const;
const account = { kind: 'account', id: 'a1|USDT' } as const;
const w = (
  code: RiskWarning['code'],
  subject: RiskWarning['subject'],
  label: string,
  values: (number | null)[],
  words: string[] = [],
): RiskWarning => ({ code, severity: 'watch', subject, label, values, words });

describe('warningText: the sentence of each warning code (the templates report.ts built before warnings became data)', () => {
  it.each([
    [
      w('regime_crowded', market, 'BTC/USDT:USDT', [0.62, 0.5, 5, 0.002], ['long']),
      'BTC/USDT:USDT: long side CROWDED (score 0.62): size × 0.50, isolated leverage ≤ 5×, stop slippage 0.20 %; avoid adding on this side',
    ],
    [
      w('regime_extreme', market, 'BTC/USDT:USDT', [0.91, 0.25, 3, 0.005], ['short']),
      'BTC/USDT:USDT: short side EXTREME (score 0.91): size × 0.25, isolated leverage ≤ 3×, stop slippage 0.50 %; trim existing exposure and trigger stops on the mark price',
    ],
    [
      w('regime_low_confidence', market, 'BTC/USDT:USDT', [0.25], ['funding', 'basis']),
      'BTC/USDT:USDT: regime rests on 25 % of its signals (missing: funding, basis)',
    ],
    [w('stale_data', market, 'BTC/USDT:USDT', [7.4]), 'BTC/USDT:USDT: market data is 7 min old'],
    [w('stale_data', position, 'BTC/USDT:USDT long', [12]), 'BTC/USDT:USDT long: position data is 12 min old'],
    [
      w('missing_market_data', position, 'X long', [], ['too few candles for a volatility estimate']),
      'X long: too few candles for a volatility estimate',
    ],
    [
      w('missing_balance', position, 'X long', [], ['USDT', 'a1']),
      'X long: no USDT balance for account a1; the cross liquidation price cannot be computed',
    ],
    [
      w('liquidation_discrepancy', position, 'X long', [90_000, 91_000, 0.011], ['likely the tier']),
      "X long: our liquidation price 90,000.00 differs from the exchange's 91,000.00 by 1.10 %; likely the tier",
    ],
    [
      w('liquidation_unavailable', position, 'X long', [], ['no balance']),
      'X long: no liquidation price (no balance) and none reported by the exchange',
    ],
    [
      w('liquidation_crossed', position, 'X long', [89_000, 90_000]),
      'X long: mark 89,000.00 is beyond the liquidation price 90,000.00: the position is being or is about to be liquidated',
    ],
    [
      w('liquidation_near', position, 'X long', [90_000, 0.05, 1.234, 0.12, 0.456]),
      'X long: liquidation at 90,000.00 is 5.00 % away (1.23 daily σ); touch probability 12.00 % in 24 h, 45.6 % in 7 days',
    ],
    // A distance that is not finite is stored as null and shown as a dash (fmt of a non-finite number).
    [
      w('liquidation_near', position, 'X long', [90_000, 0.05, null, 0.12, 0.456]),
      'X long: liquidation at 90,000.00 is 5.00 % away (– daily σ); touch probability 12.00 % in 24 h, 45.6 % in 7 days',
    ],
    [
      w('stress_liquidation', position, 'SOL/USDT:USDT long', [-0.1, -0.18, 1.8], ['SOL']),
      'SOL/USDT:USDT long: liquidated by a BTC move of −10 % (SOL −18.0 % at β 1.80)',
    ],
    [
      w('stop_ladder_infeasible', position, 'X long', [], ['risk_budget', 'reduce by 1 BTC']),
      'X long: the stop ladder loses more than the risk budget if every rung fills; reduce by 1 BTC',
    ],
    [
      w('gross_leverage_above_cap', account, 'a1 (USDT)', [4.666, 3]),
      'a1 (USDT): gross leverage 4.67× is above the regime cap of 3.0×',
    ],
    [
      w('cross_account_fragile', account, 'a1 (USDT)', [], ['the account is liquidated by a BTC move of −15.95 %']),
      "a1 (USDT): the account is liquidated by a BTC move of −15.95 % (the exchange's per-position prices hold the other positions still)",
    ],
    [
      w('high_beta_in_cross', account, 'a1 (USDT)', [], ['SOL shares this margin']),
      'a1 (USDT): SOL shares this margin',
    ],
  ])('%#: %j', (warning, text) => {
    expect(warningText(warning)).toBe(text);
  });
});
