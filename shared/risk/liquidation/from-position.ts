import type { Market, Tier } from '../../domain/market';
import type { Position } from '../../domain/position';
import { maintenanceMargin, OPEN_CAP, tierIndexAt } from './tiers';
import type { LiquidationInput } from './types';

/**
 * Maps a normalised `Position` (+ its market's tiers and fee, its account's cross figures, and in Binance cross hedge
 * mode the opposite leg) onto the venue model's input.
 *
 * Conventions read from the domain (see the issue-3 report): `isolatedMarginSettle` is the isolated margin WITHOUT
 * unrealised PnL (Binance `isolatedWallet`, Bybit position margin, OKX `margin`, Hyperliquid `marginUsed −
 * unrealizedPnl`); `Balance.walletBalance` is Binance's cross wallet balance (Multi-Assets: the total); `Balance.equity`
 * is the account equity the UTA/OKX/Hyperliquid cross models need.
 */

/** Cross-account figures for one position, with this symbol's own legs already taken out of the "other" sums. */
export interface CrossFigures {
  /** Binance WB: the cross wallet balance (settle currency). */
  readonly walletBalance: number | null;
  /** Account equity including every position's unrealised PnL (Bybit totalEquity, OKX eq, Hyperliquid accountValue). */
  readonly equity: number | null;
  /** TMM1 and UPNL1: the other cross positions' maintenance margin and unrealised PnL. */
  readonly otherMaintenance: number;
  readonly otherUnrealizedPnl: number;
  /** The account's maintenance margin including this position (reported, or summed). */
  readonly totalMaintenance: number | null;
}

export interface LiquidationContext {
  readonly position: Position;
  readonly market: Pick<Market, 'tiers' | 'takerFee' | 'maxLeverage'> | null;
  readonly cross: CrossFigures | null;
  /** Binance hedge mode, cross: the opposite leg of the same symbol on the same account, if open. */
  readonly hedgeLeg: Position | null;
}

export type MappedLiquidation =
  | { readonly ok: true; readonly input: LiquidationInput; readonly assumptions: readonly string[] }
  | { readonly ok: false; readonly detail: string };

/** Base units (linear) or USD value (inverse) of a position. */
export const positionSize = (p: Position): number => p.contracts * p.contractSize;

/** Notional in the tiers' unit: settle currency at `price` (linear), coin (inverse). */
export const tierNotional = (p: Position, price: number): number =>
  p.kind === 'linear' ? positionSize(p) * price : positionSize(p) / price;

/**
 * The tier table to use: the market's; else one tier from the exchange-reported MMR (maintenance amount backed out of
 * the reported maintenance margin); else Hyperliquid's rule MMR = 1/(2·max leverage). Null when none is known.
 */
export function tiersFor(
  p: Position,
  market: LiquidationContext['market'],
  assumptions: string[],
): readonly Tier[] | null {
  if (market !== null && market.tiers.length > 0) return market.tiers;
  const notional = tierNotional(p, p.markPrice);
  if (p.maintenanceMarginRate !== null) {
    const amount =
      p.maintenanceMarginSettle === null
        ? 0
        : Math.max(0, notional * p.maintenanceMarginRate - p.maintenanceMarginSettle);
    assumptions.push(
      'no tier table: one tier from the exchange-reported maintenance-margin rate, not re-checked at the liquidation price',
    );
    return [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: OPEN_CAP,
        maintenanceMarginRate: p.maintenanceMarginRate,
        maintenanceAmount: amount,
        maxLeverage: 1,
      },
    ];
  }
  if (market?.maxLeverage != null && market.maxLeverage > 0) {
    assumptions.push('no tier table: MMR = 1/(2 × max leverage)');
    return [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: OPEN_CAP,
        maintenanceMarginRate: 1 / (2 * market.maxLeverage),
        maintenanceAmount: 0,
        maxLeverage: market.maxLeverage,
      },
    ];
  }
  return null;
}

/** Maintenance margin of a position at its mark: the exchange's figure, else computed from the tiers. */
export function positionMaintenance(p: Position, tiers: readonly Tier[] | null): number | null {
  if (p.maintenanceMarginSettle !== null) return p.maintenanceMarginSettle;
  if (tiers !== null && tiers.length > 0) return maintenanceMargin(tiers, tierNotional(p, p.markPrice));
  if (p.maintenanceMarginRate !== null) return tierNotional(p, p.markPrice) * p.maintenanceMarginRate;
  return null;
}

/** Unrealised PnL at mark: the exchange's figure, else linear `side·Q·(MP − EP)` or inverse `side·V·(1/EP − 1/MP)`. */
export function positionUnrealizedPnl(p: Position): number {
  if (p.unrealizedPnlSettle !== null) return p.unrealizedPnlSettle;
  const s = p.side === 'long' ? 1 : -1;
  const q = positionSize(p);
  return p.kind === 'linear' ? s * q * (p.markPrice - p.entryPrice) : s * q * (1 / p.entryPrice - 1 / p.markPrice);
}

const missing = (detail: string): MappedLiquidation => ({ ok: false, detail });

export function liquidationInputFromPosition(ctx: LiquidationContext): MappedLiquidation {
  const p = ctx.position;
  const assumptions: string[] = [];
  const tiers = tiersFor(p, ctx.market, assumptions);
  if (tiers === null) return missing('no maintenance-margin tiers or rate for this market');
  const size = positionSize(p);
  const isolated = p.marginMode === 'isolated';
  const margin = p.isolatedMarginSettle;
  const cross = ctx.cross;
  if (isolated && margin === null) return missing('the isolated margin of the position was not reported');
  if (!isolated && cross === null) return missing(`no ${p.settle} balance for the cross account`);
  const fee = ctx.market?.takerFee ?? null;

  switch (p.venue) {
    case 'binance': {
      const wb = isolated ? margin : cross?.walletBalance;
      if (wb === null || wb === undefined) return missing(`no ${p.settle} cross wallet balance`);
      const legs = [{ side: p.side, positionAmt: p.kind === 'linear' ? size : p.contracts, entryPrice: p.entryPrice }];
      const h = ctx.hedgeLeg;
      if (!isolated && p.positionMode === 'hedge' && h !== null) {
        legs.push({
          side: h.side,
          positionAmt: h.kind === 'linear' ? positionSize(h) : h.contracts,
          entryPrice: h.entryPrice,
        });
      }
      const otherMaintenanceMargin = isolated ? 0 : (cross?.otherMaintenance ?? 0);
      const otherUnrealizedPnl = isolated ? 0 : (cross?.otherUnrealizedPnl ?? 0);
      // What USDⓈ-M and COIN-M share; COIN-M adds the contract size.
      const account = {
        marginMode: p.marginMode,
        walletBalance: wb,
        otherMaintenanceMargin,
        otherUnrealizedPnl,
        legs,
        brackets: tiers,
      };
      return {
        ok: true,
        assumptions,
        input:
          p.kind === 'linear'
            ? { model: 'binance-usdm', ...account }
            : { model: 'binance-coinm', ...account, contractSize: p.contractSize },
      };
    }
    case 'bybit': {
      if (!isolated) {
        if (cross?.equity == null || cross.totalMaintenance === null)
          return missing('no account equity or maintenance margin for the cross account');
        return {
          ok: true,
          assumptions,
          input: {
            model: 'bybit-cross',
            side: p.side,
            kind: p.kind,
            size,
            markPrice: p.markPrice,
            totalEquity: cross.equity,
            totalMaintenanceMargin: cross.totalMaintenance,
            tiers,
          },
        };
      }
      const m = margin ?? 0;
      const pv = p.kind === 'linear' ? size * p.entryPrice : size / p.entryPrice;
      let leverage = p.leverage;
      if (leverage === null) {
        if (!(m > 0)) return missing('neither the leverage nor the isolated margin of the position was reported');
        leverage = pv / m;
        assumptions.push('leverage derived from the isolated margin (no extra margin assumed)');
      }
      const extra = Math.max(0, m - pv / leverage);
      if (p.kind === 'linear') {
        return {
          ok: true,
          assumptions,
          input: {
            model: 'bybit-linear-isolated',
            side: p.side,
            size,
            entryPrice: p.entryPrice,
            leverage,
            extraMarginAdded: extra,
            riskLimits: tiers,
          },
        };
      }
      if (fee === null) assumptions.push('taker fee unknown: fee-to-close term left out');
      return {
        ok: true,
        assumptions,
        input: {
          model: 'bybit-inverse-isolated',
          side: p.side,
          size,
          entryPrice: p.entryPrice,
          leverage,
          extraMarginAdded: extra,
          takerFeeRate: fee ?? 0,
          riskLimits: tiers,
        },
      };
    }
    case 'okx': {
      const t = tiers[tierIndexAt(tiers, tierNotional(p, p.markPrice))];
      if (t === undefined) return missing('no maintenance-margin tier');
      const takerFeeRate = fee ?? 0.0005;
      if (fee === null) assumptions.push('taker fee unknown: OKX regular 0.05 % assumed');
      if (isolated) {
        return {
          ok: true,
          assumptions,
          input: {
            model: 'okx-isolated',
            kind: p.kind,
            side: p.side,
            pos: p.contracts,
            ctVal: p.contractSize,
            avgPx: p.entryPrice,
            margin: margin ?? 0,
            tierMmr: t.maintenanceMarginRate,
            tier: t.tier,
            takerFeeRate,
          },
        };
      }
      if (cross?.equity == null || cross.totalMaintenance === null)
        return missing('no account equity or maintenance margin for the cross account');
      return {
        ok: true,
        assumptions,
        input: {
          model: 'okx-cross',
          kind: p.kind,
          side: p.side,
          pos: p.contracts,
          ctVal: p.contractSize,
          markPx: p.markPrice,
          eq: cross.equity,
          totalMmr: cross.totalMaintenance,
          tierMmr: t.maintenanceMarginRate,
          tier: t.tier,
          takerFeeRate,
        },
      };
    }
    case 'hyperliquid': {
      const szi = (p.side === 'long' ? 1 : -1) * size;
      if (isolated) {
        return {
          ok: true,
          assumptions,
          input: {
            model: 'hyperliquid-isolated',
            szi,
            entryPx: p.entryPrice,
            marginUsed: margin ?? 0,
            unrealizedPnl: 0,
            marginTiers: tiers,
          },
        };
      }
      if (cross?.equity == null || cross.totalMaintenance === null)
        return missing('no account value or cross maintenance margin');
      return {
        ok: true,
        assumptions,
        input: {
          model: 'hyperliquid-cross',
          szi,
          markPx: p.markPrice,
          accountValue: cross.equity,
          crossMaintenanceMarginUsed: cross.totalMaintenance,
          marginTiers: tiers,
        },
      };
    }
  }
}
