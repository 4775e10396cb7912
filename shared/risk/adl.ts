/**
 * Auto-deleveraging ranking (risk-method.md §5.3): who is closed first when the insurance fund cannot absorb a
 * bankrupt position. The venues rank profitable, highly leveraged opposing positions first.
 */

export interface AdlPosition {
  /** Unrealised PnL (quote). */
  readonly unrealizedPnl: number;
  /** Entry value |Q|·EP (BitMEX's cost basis for PnL %). */
  readonly entryValue: number;
  /** Mark value |Q|·MP and bankruptcy value |Q|·BP (the price where the margin is gone). */
  readonly markValue: number;
  readonly bankruptValue: number;
  /** Wallet balance (isolated: the position's margin) and maintenance margin, for Binance's indicator. */
  readonly walletBalance: number;
  readonly maintenanceMargin: number;
}

/** BitMEX [S12]: `rank = PnL% × EffLev`, `EffLev = |MarkValue| / |MarkValue − BankruptValue|`. */
export function bitmexAdlRank(p: AdlPosition): number {
  const pnlPct = p.unrealizedPnl / p.entryValue;
  const gap = Math.abs(p.markValue - p.bankruptValue);
  return gap > 0 ? pnlPct * (Math.abs(p.markValue) / gap) : Infinity;
}

/**
 * Binance [S11]: `PnlPct = max(0, UPnL)/max(1, WB)`, `MarginRatio = MM/(WB + UPnL)` (0 if WB + UPnL ≤ 0),
 * `LeveragePnL = PnlPct × MarginRatio`.
 */
export function binanceAdlScore(p: AdlPosition): { pnlPct: number; marginRatio: number; leveragePnl: number } {
  const pnlPct = Math.max(0, p.unrealizedPnl) / Math.max(1, p.walletBalance);
  const equity = p.walletBalance + p.unrealizedPnl;
  const marginRatio = equity > 0 ? p.maintenanceMargin / equity : 0;
  return { pnlPct, marginRatio, leveragePnl: pnlPct * marginRatio };
}
