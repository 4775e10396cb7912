import { describe, expect, it } from 'vitest';
import { type AdlPosition, binanceAdlScore, bitmexAdlRank } from './adl';

// risk-method.md E21: two shorts, mark 100,000, 1 BTC each, MMR 0.4 % → MM 400.
// A (10×): entry 110,000, margin 11,000, UPnL 10,000. B (50×): entry 102,000, margin 2,040, UPnL 2,000.
const short = (entry: number, margin: number): AdlPosition => ({
  unrealizedPnl: entry - 100_000,
  entryValue: entry,
  markValue: 100_000,
  bankruptValue: entry + margin,
  walletBalance: margin,
  maintenanceMargin: 400,
});
const A = short(110_000, 11_000);
const B = short(102_000, 2_040);
const close = (a: number, e: number) => expect(Math.abs(a - e)).toBeLessThanOrEqual(Math.abs(e) * 5e-5);

describe('ADL ranking, risk-method.md E21', () => {
  it.each([
    // [trader, BitMEX rank, Binance PnlPct, MarginRatio, LeveragePnL]
    ['A', A, 0.4329, 0.90909, 0.019048, 0.017316],
    ['B', B, 0.48534, 0.98039, 0.09901, 0.097069],
  ] as const)('%s', (_n, p, rank, pnlPct, mr, lev) => {
    close(bitmexAdlRank(p), rank);
    const b = binanceAdlScore(p);
    close(b.pnlPct, pnlPct);
    close(b.marginRatio, mr);
    close(b.leveragePnl, lev);
  });
  it('B is deleveraged before A despite a much smaller profit', () => {
    expect(bitmexAdlRank(B)).toBeGreaterThan(bitmexAdlRank(A));
    expect(binanceAdlScore(B).leveragePnl).toBeGreaterThan(binanceAdlScore(A).leveragePnl);
  });
});
