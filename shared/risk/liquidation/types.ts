import type { Tier } from '../../domain/market';
import type { LiquidationModel, LiquidationNullReason } from '../../domain/risk-report';
import type { MarginMode, MarketKind, Side } from '../../domain/venue';

/**
 * Inputs of every venue model, one interface per model, discriminated by `model`. Each field names the venue's own
 * published term (see ../shared/docs/liquidation.md), so a position read from the exchange maps onto it directly.
 *
 * Tiers use the shared `Tier` shape (domain/market.ts): `minNotional`/`maxNotional` bound the bracket, in the unit
 * each model states; `maintenanceMarginRate` is the bracket's MMR; `maintenanceAmount` is Binance `cum`, Bybit
 * "MM deduction", Hyperliquid `maintenance_deduction`. Tiers must be sorted by `minNotional`, ascending.
 */

/** One leg of a Binance position. One-way mode has a single BOTH leg; hedge mode a LONG and/or a SHORT leg. */
export interface BinanceLeg {
  /** Side1BOTH for a BOTH leg (sign of `positionAmt`); LONG or SHORT for a hedge-mode leg. */
  readonly side: Side;
  /** Position1BOTH / Position1LONG / Position1SHORT: absolute size (base units for USDⓈ-M, contracts for COIN-M). */
  readonly positionAmt: number;
  /** EP1BOTH / EP1LONG / EP1SHORT: average entry price. */
  readonly entryPrice: number;
}

/** Binance USDⓈ-M, FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (liquidation.md §1). */
export interface BinanceUsdmInput {
  readonly model: 'binance-usdm';
  readonly marginMode: MarginMode;
  /**
   * WB, Wallet Balance, USDⓈ: `crossWalletBalance` (cross; Multi-Assets mode: `totalCrossWalletBalance`) or the
   * position's `isolatedWallet` (isolated, excluding unrealised PnL).
   */
  readonly walletBalance: number;
  /** TMM1: maintenance margin of all other contracts in the cross wallet, excluding this symbol. Ignored if isolated. */
  readonly otherMaintenanceMargin: number;
  /** UPNL1: unrealised PnL of all other contracts in the cross wallet, excluding this symbol. Ignored if isolated. */
  readonly otherUnrealizedPnl: number;
  /** One-way: the BOTH leg. Hedge: cross uses both legs of the symbol; isolated uses the one leg. */
  readonly legs: readonly BinanceLeg[];
  /** `GET /fapi/v1/leverageBracket`: notionalFloor/notionalCap (USDⓈ), maintMarginRatio, cum. Re-checked at LP. */
  readonly brackets: readonly Tier[];
}

/** Binance COIN-M (inverse), FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts" (liquidation.md §2). */
export interface BinanceCoinmInput {
  readonly model: 'binance-coinm';
  readonly marginMode: MarginMode;
  /** WB in coin: cross wallet balance, or the isolated wallet of the position. */
  readonly walletBalance: number;
  /** TMM1 in coin (cross only). */
  readonly otherMaintenanceMargin: number;
  /** UPNL1 in coin (cross only). */
  readonly otherUnrealizedPnl: number;
  /** Legs with `positionAmt` in contracts. */
  readonly legs: readonly BinanceLeg[];
  /** CS, contract multiplier: USD per contract (100 for BTCUSD, 10 for most others). */
  readonly contractSize: number;
  /** Brackets with notional in coin (`qtyFloor`/`qtyCap`), maintMarginRatio and cum (coin). Re-checked at LP. */
  readonly brackets: readonly Tier[];
}

/** Bybit USDT perpetual, isolated: help "Liquidation Price (USDT Contract)" (liquidation.md §3a). */
export interface BybitLinearIsolatedInput {
  readonly model: 'bybit-linear-isolated';
  readonly side: Side;
  /** Size, base units. */
  readonly size: number;
  /** Entry price (`avgPrice`). */
  readonly entryPrice: number;
  /** Leverage: IM = Position Value / leverage. */
  readonly leverage: number;
  /** ExtraMarginAdded: margin added on top of IM (USDT); 0 if none. */
  readonly extraMarginAdded: number;
  /** Risk-limit tiers (`GET /v5/market/risk-limit`): riskLimitValue as `maxNotional`, MMR, mmDeduction; USDT. */
  readonly riskLimits: readonly Tier[];
}

/**
 * Bybit inverse, Unified Trading Account isolated: the newer "Liquidation Price Calculation under Isolated Mode"
 * article (liquidation.md §3b), MM valued at the liquidation price, fee to close netted out except on extra margin.
 */
export interface BybitInverseIsolatedInput {
  readonly model: 'bybit-inverse-isolated';
  readonly side: Side;
  /** Size in USD (contracts × 1 USD). */
  readonly size: number;
  readonly entryPrice: number;
  readonly leverage: number;
  /** Extra margin added, in coin. */
  readonly extraMarginAdded: number;
  /** TakerFee rate, fraction. */
  readonly takerFeeRate: number;
  /** Risk-limit tiers with position value in coin. Re-checked at LP. */
  readonly riskLimits: readonly Tier[];
}

/** Bybit legacy inverse cross (help article 360039261334, liquidation.md §3c). */
export interface BybitInverseCrossLegacyInput {
  readonly model: 'bybit-inverse-cross-legacy';
  readonly side: Side;
  /** Qty: contracts (1 USD each). */
  readonly qty: number;
  readonly entryPrice: number;
  /** AB, AccountBalance, coin. */
  readonly accountBalance: number;
  /** OM, OrderMargin, coin. */
  readonly orderMargin: number;
  /** MMR of the position's risk limit. */
  readonly maintenanceMarginRate: number;
  /** Taker fee rate used for the fee to close at bankruptcy (0.00075 in the article). */
  readonly takerFeeRate: number;
}

/**
 * Account-level figures shared by the cross models of Bybit (UTA), OKX and Hyperliquid: the price of this position at
 * which the account's equity reaches its maintenance margin, every other position held at its current mark.
 */
export interface AccountCrossFields {
  readonly side: Side;
  readonly kind: MarketKind;
  /** Position size: base units (linear) or USD value of the contracts (inverse: contracts × contract size). */
  readonly size: number;
  /** Current mark price. */
  readonly markPrice: number;
  /** Tiers (notional in settle currency at the price; inverse: coin). Re-checked at LP. */
  readonly tiers: readonly Tier[];
}

/** Bybit UTA cross (liquidation.md §3c): account-level, on `totalEquity` vs `totalMaintenanceMargin`. */
export interface BybitCrossInput extends AccountCrossFields {
  readonly model: 'bybit-cross';
  /** `totalEquity` (linear, USD) or the coin's equity (inverse), from the wallet balance. */
  readonly totalEquity: number;
  /** `totalMaintenanceMargin` of the account, including this position. */
  readonly totalMaintenanceMargin: number;
}

/** OKX swaps, isolated (liquidation.md §4): margin ratio with the taker-fee term next to the tier MMR. */
export interface OkxIsolatedInput {
  readonly model: 'okx-isolated';
  readonly kind: MarketKind;
  readonly side: Side;
  /** `pos`: contracts (absolute). */
  readonly pos: number;
  /** `ctVal`: contract value (base units for linear, USD for inverse). */
  readonly ctVal: number;
  /** `avgPx`. */
  readonly avgPx: number;
  /** `margin`: isolated margin (USDT for linear, coin for inverse), excluding unrealised PnL. */
  readonly margin: number;
  /** Tier MMR rate from `/public/position-tiers` (OKX's position `mmr` field is an amount, not this rate). */
  readonly tierMmr: number;
  /** Tier number, when known. */
  readonly tier: number | null;
  /** Taker fee rate (fraction). */
  readonly takerFeeRate: number;
}

/** OKX cross (liquidation.md §4): account level, equity vs maintenance margin plus liquidation (taker) fees. */
export interface OkxCrossInput {
  readonly model: 'okx-cross';
  readonly kind: MarketKind;
  readonly side: Side;
  /** `pos`, contracts. */
  readonly pos: number;
  readonly ctVal: number;
  /** `markPx`. */
  readonly markPx: number;
  /** `eq`: the settle currency's equity, including unrealised PnL. */
  readonly eq: number;
  /** Sum of the cross positions' `mmr` amounts in that currency, including this one. */
  readonly totalMmr: number;
  readonly tierMmr: number;
  readonly tier: number | null;
  readonly takerFeeRate: number;
}

/** Hyperliquid isolated (liquidation.md §5). */
export interface HyperliquidIsolatedInput {
  readonly model: 'hyperliquid-isolated';
  /** `szi`: signed size, positive long, negative short. */
  readonly szi: number;
  /** `entryPx`. */
  readonly entryPx: number;
  /** `marginUsed` (includes unrealised PnL for isolated positions). */
  readonly marginUsed: number;
  /** `unrealizedPnl`. */
  readonly unrealizedPnl: number;
  /** Margin tiers by position value (USDC): MMR = 1/(2·maxLeverage), deduction by recursion. Re-checked at LP. */
  readonly marginTiers: readonly Tier[];
}

/** Hyperliquid cross (liquidation.md §5): `accountValue`, `crossMaintenanceMarginUsed`, `markPx`. */
export interface HyperliquidCrossInput {
  readonly model: 'hyperliquid-cross';
  readonly szi: number;
  readonly markPx: number;
  /** `crossMarginSummary.accountValue` (includes every cross position's uPnL). */
  readonly accountValue: number;
  /** `crossMaintenanceMarginUsed` (all cross positions). */
  readonly crossMaintenanceMarginUsed: number;
  readonly marginTiers: readonly Tier[];
}

export type LiquidationInput =
  | BinanceUsdmInput
  | BinanceCoinmInput
  | BybitLinearIsolatedInput
  | BybitInverseIsolatedInput
  | BybitInverseCrossLegacyInput
  | BybitCrossInput
  | OkxIsolatedInput
  | OkxCrossInput
  | HyperliquidIsolatedInput
  | HyperliquidCrossInput;

export interface LiquidationPrice {
  /** The mark price at which the venue liquidates: finite and > 0. */
  readonly price: number;
  readonly model: LiquidationModel;
  /** The tier applied at that price, when the model has tiers. */
  readonly tier: number | null;
  /** The maintenance-margin rate applied (including a fee term where the venue adds one). */
  readonly maintenanceMarginRate: number;
}

export interface LiquidationNull {
  readonly price: null;
  readonly model: LiquidationModel;
  readonly reason: LiquidationNullReason;
  /** In words the UI can show. */
  readonly detail: string;
}

export type LiquidationResult = LiquidationPrice | LiquidationNull;
