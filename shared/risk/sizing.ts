import type { BookSide } from '../domain/market';
import type { Side } from '../domain/venue';
import { floorToStep, fmt, fmtPct, fmtPrice } from './format';
import type { LiquidationResult } from './liquidation/types';
import type { RegimeParams } from './regime';

/** Position sizing (risk-method.md §1): fixed-fractional risk, volatility target, depth cap, leverage from the stop. */

const sideSign = (s: Side): 1 | -1 => (s === 'long' ? 1 : -1);

/**
 * Loss per coin if the stop fills (§1.1): `X = S·(1 − side·s)`, `ℓ = side·(P0 − X) + f_in·P0 + f_out·X + c_fund`,
 * `c_fund = side·F8·P0·n8` (expected funding over the hold).
 */
export function lossPerUnit(
  side: Side,
  entry: number,
  stop: number,
  slippage: number,
  feeIn: number,
  feeOut: number,
  fundingPer8h = 0,
  fundingPeriods = 0,
): number {
  const s = sideSign(side);
  const fill = stop * (1 - s * slippage);
  return s * (entry - fill) + feeIn * entry + feeOut * fill + s * fundingPer8h * entry * fundingPeriods;
}

/** Volatility-target notional (§1.3): `N_vol = E·σ_target/σ_asset` (times the regime multiplier when given). */
export const volTargetNotional = (equity: number, sigmaTarget: number, sigmaAsset: number, multiplier = 1): number =>
  (equity * sigmaTarget * multiplier) / sigmaAsset;

/** Kelly fraction of equity to risk for a two-outcome trade (§1.4): `f* = p − (1 − p)/b`. */
export const kellyFraction = (p: number, b: number): number => p - (1 - p) / b;
/** Expected log growth per trade at fraction f: `p·ln(1 + f·b) + (1 − p)·ln(1 − f)`. */
export const kellyLogGrowth = (p: number, b: number, f: number): number =>
  p * Math.log(1 + f * b) + (1 - p) * Math.log(1 - f);
/** Continuous Kelly leverage `ℓ* = (μ − r_f)/σ²`, and `P(wealth ever falls to x) = x^(2/c − 1)` at fraction c. */
export const kellyLeverage = (mu: number, sigma: number, riskFree = 0): number => (mu - riskFree) / (sigma * sigma);
export const kellyDrawdownProbability = (x: number, c: number): number => Math.pow(x, 2 / c - 1);

/**
 * Maximum isolated leverage consistent with a stop (§1.5): `d_req = κ·(d_s + s_stress)`,
 * long `L_max = 1/(d_req·(1 − MMR) + MMR)`, short `1/(d_req·(1 + MMR) + MMR)`.
 */
export function maxLeverageForDistance(side: Side, requiredDistance: number, mmr: number): number {
  return 1 / (requiredDistance * (1 - sideSign(side) * mmr) + mmr);
}

export function maxLeverageForStop(
  side: Side,
  entry: number,
  stop: number,
  mmr: number,
  stressSlippage = 0.01,
  kappa = 2,
): number {
  const ds = (sideSign(side) * (entry - stop)) / entry;
  return maxLeverageForDistance(side, kappa * (ds + stressSlippage), mmr);
}

/** Isolated liquidation price at leverage L with cum 0 (§1.5): long `EP·(1 − 1/L)/(1 − MMR)`, short `EP·(1 + 1/L)/(1 + MMR)`. */
export function isolatedLiquidationAtLeverage(side: Side, entry: number, leverage: number, mmr: number): number {
  const s = sideSign(side);
  return (entry * (1 - s / leverage)) / (1 - s * mmr);
}

// ---- order book (§1.6) ----

export interface BookWalk {
  /** Largest quantity whose VWAP stays within the limit. */
  readonly quantity: number;
  readonly vwap: number | null;
  /** Price of the last level touched. */
  readonly lastLevel: number | null;
  /** True when the visible book ran out before the limit was reached. */
  readonly exhausted: boolean;
}

/**
 * Walks the exit side of the book (`levels` columns best first: bids for selling, asks for buying) within `bps` of `mid`:
 * limit VWAP `V* = mid·(1 ∓ bps/10⁴)`; whole levels while the VWAP stays within V*, then a partial
 * `z = (ΣpQ − V*·ΣQ)/(V* − p_k)`. Level sizes are scaled by the haircut `h` (stressed book).
 */
export function walkBook(
  levels: Readonly<BookSide>,
  mid: number,
  bps: number,
  direction: 'sell' | 'buy',
  haircut = 1,
): BookWalk {
  const sell = direction === 'sell';
  const limit = mid * (1 + ((sell ? -1 : 1) * bps) / 10_000);
  let q = 0;
  let pq = 0;
  let last: number | null = null;
  const prices = levels.price;
  const amounts = levels.amount;
  for (let j = 0; j < prices.length; j++) {
    const p = prices[j] as number;
    const qj = (amounts[j] as number) * haircut;
    const within = sell ? pq + p * qj >= limit * (q + qj) : pq + p * qj <= limit * (q + qj);
    if (within) {
      q += qj;
      pq += p * qj;
      last = p;
      continue;
    }
    const z = (pq - limit * q) / (limit - p);
    if (z > 0) {
      q += z;
      pq += p * z;
      last = p;
    }
    return { quantity: q, vwap: q > 0 ? pq / q : null, lastLevel: last, exhausted: false };
  }
  return { quantity: q, vwap: q > 0 ? pq / q : null, lastLevel: last, exhausted: true };
}

/** Quote value resting within `fraction` of `mid` on one side (levels best first). */
export function depthWithin(levels: Readonly<BookSide>, mid: number, fraction: number, side: 'bids' | 'asks'): number {
  const bound = side === 'bids' ? mid * (1 - fraction) : mid * (1 + fraction);
  let sum = 0;
  const prices = levels.price;
  const amounts = levels.amount;
  for (let j = 0; j < prices.length; j++) {
    const p = prices[j] as number;
    if (side === 'bids' ? p < bound : p > bound) break;
    sum += p * (amounts[j] as number);
  }
  return sum;
}

/**
 * Market-order VWAP slippage versus mid, as a fraction, for `quantity` on the (haircut) exit side. Null when the
 * visible book cannot fill it.
 */
export function marketSlippage(
  levels: Readonly<BookSide>,
  mid: number,
  quantity: number,
  direction: 'sell' | 'buy',
  haircut = 1,
): number | null {
  if (!(quantity > 0)) return 0;
  let left = quantity;
  let pq = 0;
  const prices = levels.price;
  const amounts = levels.amount;
  for (let j = 0; j < prices.length; j++) {
    const p = prices[j] as number;
    const take = Math.min(left, (amounts[j] as number) * haircut);
    pq += take * p;
    left -= take;
    if (left <= 1e-12) break;
  }
  if (left > 1e-12) return null;
  const vwap = pq / quantity;
  return direction === 'sell' ? (mid - vwap) / mid : (vwap - mid) / mid;
}

// ---- final size pipeline (§1.7) ----

export type SizeCapId = 'risk' | 'volatility' | 'depth' | 'gross' | 'kelly';

export interface SizeCap {
  readonly id: SizeCapId;
  /** Base units; null when the cap could not be computed (the reason says why). */
  readonly quantity: number | null;
  readonly reason: string;
}

export interface OrderBookSide {
  /** Exit side as columns, best first: bids for a long, asks for a short. */
  readonly levels: Readonly<BookSide>;
  readonly mid: number;
}

export interface SizePositionInput {
  readonly side: Side;
  /** Base-asset name for sentences, e.g. "BTC". */
  readonly asset: string;
  readonly equity: number;
  /** The trader's risk per trade r (settings.riskPercent / 100). */
  readonly riskFraction: number;
  readonly entry: number;
  readonly stop: number;
  readonly feeIn: number;
  readonly feeOut: number;
  /** Adverse stop slippage s; defaults to the regime's s_base. */
  readonly slippage?: number;
  readonly fundingPer8h?: number;
  readonly fundingPeriods?: number;
  /** The side's regime row (§3.5). */
  readonly regime: RegimeParams;
  /** σ of the asset, annualised; null leaves the volatility cap out. */
  readonly sigmaAnnual: number | null;
  /** Per-position annual vol budget (default 20 %). */
  readonly sigmaTarget?: number;
  /** Exit side of the book; null leaves the depth cap out. */
  readonly book: OrderBookSide | null;
  /** Exit budget X in bps (25 majors, 50 alts, 100 small caps). */
  readonly depthBps: number;
  /** Participation α of the stressed 1 % depth (default 10 %). */
  readonly participation?: number;
  /** Gross notional already open on the account. */
  readonly existingGrossNotional: number;
  /** Kelly f* from the trader's own statistics (≥ 50 closed trades), or null. */
  readonly kellyFraction: number | null;
  /** MMR of the bracket the position would sit in (for the leverage cap). */
  readonly maintenanceMarginRate: number;
  /** Cascade slippage s_stress for the leverage buffer (default 1 %), and κ (default 2). */
  readonly stressSlippage?: number;
  readonly kappa?: number;
  /** Lot step in base units. */
  readonly lotStep: number;
}

export interface LeverageSuggestion {
  /** L_max from the stop (§1.5). */
  readonly maxForStop: number;
  readonly regimeCap: number;
  /** floor(min(L_max, cap)); at least 1. */
  readonly suggested: number;
  readonly binding: 'stop' | 'regime';
  /** Isolated margin at the suggested leverage, and the liquidation price it gives (cum 0). */
  readonly margin: number;
  readonly liquidationPrice: number;
  readonly reason: string;
}

export interface SizeSuggestion {
  /** Suggested quantity in base units, floored to the lot step (0 when no size fits). */
  readonly quantity: number;
  readonly notional: number;
  /** r_eff = min(r_user, r_regime, ¼·f*). */
  readonly riskFraction: number;
  readonly lossPerUnit: number;
  readonly caps: readonly SizeCap[];
  readonly binding: SizeCapId | null;
  /** The binding cap in a sentence the UI can show. */
  readonly reason: string;
  readonly leverage: LeverageSuggestion | null;
}

/**
 * §1.7: `Q_sugg = floor_to_lot(min(Q_risk, Q_vol, Q_depth, Q_gross[, Q_kelly]))`, with every cap listed and the
 * binding one named; and `L_sugg = floor(min(L_max(stop), L_cap_regime))` with its margin and liquidation price.
 */
export function sizePosition(input: SizePositionInput): SizeSuggestion {
  const { side, asset, equity, entry, stop, regime } = input;
  const s = sideSign(side);
  const slip = input.slippage ?? regime.slippageBase;
  const loss = lossPerUnit(
    side,
    entry,
    stop,
    slip,
    input.feeIn,
    input.feeOut,
    input.fundingPer8h ?? 0,
    input.fundingPeriods ?? 0,
  );
  const { kellyCap, rEff } = effectiveRisk(input);
  const stopValid = s * (entry - stop) > 0 && loss > 0 && equity > 0 && entry > 0;
  const caps: SizeCap[] = [];

  caps.push(
    stopValid
      ? {
          id: 'risk',
          quantity: (rEff * equity) / loss,
          reason: `risk budget: ${fmtPct(rEff)} of equity (${fmt(rEff * equity)}) lost if the stop at ${fmtPrice(stop)} fills with ${fmtPct(slip)} slippage and fees (${fmt(loss)} per ${asset})`,
        }
      : {
          id: 'risk',
          quantity: null,
          reason: `the stop at ${fmtPrice(stop)} is not on the losing side of the entry ${fmtPrice(entry)}`,
        },
  );

  const target = input.sigmaTarget ?? 0.2;
  caps.push(
    input.sigmaAnnual !== null && input.sigmaAnnual > 0
      ? {
          id: 'volatility',
          quantity: volTargetNotional(equity, target, input.sigmaAnnual, regime.sizeMultiplier) / entry,
          reason: `volatility target: ${fmtPct(target, 0)} a year × regime multiplier ${fmt(regime.sizeMultiplier)} against the asset's ${fmtPct(input.sigmaAnnual, 0)}`,
        }
      : { id: 'volatility', quantity: null, reason: 'no volatility estimate (too few candles)' },
  );

  if (input.book !== null && input.book.levels.price.length > 0) {
    const h = regime.depthHaircut;
    const walk = walkBook(input.book.levels, input.book.mid, input.depthBps, side === 'long' ? 'sell' : 'buy', h);
    const alpha = input.participation ?? 0.1;
    const d1 = depthWithin(input.book.levels, input.book.mid, 0.01, side === 'long' ? 'bids' : 'asks') * h;
    const qPart = (alpha * d1) / entry;
    const q = Math.min(walk.quantity, qPart);
    caps.push({
      id: 'depth',
      quantity: q,
      reason:
        walk.quantity <= qPart
          ? `order-book depth: exiting ${fmt(walk.quantity, 4)} ${asset} within ${fmt(input.depthBps, 0)} bps needs the ${walk.exhausted ? 'whole visible' : 'stressed'} book (haircut ${fmt(h)})`
          : `order-book depth: ${fmtPct(alpha, 0)} of the stressed ±1 % depth (${fmt(d1, 0)}) is ${fmt(qPart, 4)} ${asset}`,
    });
  } else {
    caps.push({ id: 'depth', quantity: null, reason: 'no order book' });
  }

  const gross = (regime.grossCap * equity - input.existingGrossNotional) / entry;
  caps.push({
    id: 'gross',
    quantity: Math.max(0, gross),
    reason: `account gross leverage cap ${fmt(regime.grossCap, 1)}× equity, ${fmt(input.existingGrossNotional, 0)} already open`,
  });

  if (kellyCap !== null && stopValid) caps.push(kellyCapOf(kellyCap, equity, loss));

  const binding = bindingCap(caps);
  const raw = stopValid && binding !== null ? Math.max(0, binding.quantity ?? 0) : 0;
  const quantity = floorToStep(raw, input.lotStep);
  const notional = quantity * entry;

  let leverage: LeverageSuggestion | null = null;
  if (stopValid) {
    const lMax = maxLeverageForStop(
      side,
      entry,
      stop,
      input.maintenanceMarginRate,
      input.stressSlippage ?? 0.01,
      input.kappa ?? 2,
    );
    const cap = regime.leverageCap;
    const suggested = Math.max(1, Math.floor(Math.min(lMax, cap)));
    const bindingLev = lMax <= cap ? 'stop' : 'regime';
    leverage = {
      maxForStop: lMax,
      regimeCap: cap,
      suggested,
      binding: bindingLev,
      margin: (raw * entry) / suggested,
      liquidationPrice: isolatedLiquidationAtLeverage(side, entry, suggested, input.maintenanceMarginRate),
      reason:
        bindingLev === 'stop'
          ? `leverage ≤ ${fmt(lMax, 2)}× keeps liquidation twice the stop distance plus cascade slippage away`
          : `the regime caps isolated leverage at ${fmt(cap, 0)}× (the stop alone would allow ${fmt(lMax, 2)}×)`,
    };
  }

  const reason = sizeReason(stopValid, caps, binding, quantity, `${fmt(input.lotStep, 8)} ${asset}`);
  return {
    quantity,
    notional,
    riskFraction: rEff,
    lossPerUnit: loss,
    caps,
    binding: binding?.id ?? null,
    reason,
    leverage,
  };
}

// ---- inverse (coin-margined) contracts ----
//
// risk-method.md §0 covers linear contracts only (PnL = side·Q·ΔP). Inverse contracts (Binance COIN-M, Bybit inverse,
// OKX -USD-SWAP) are sized in contracts of a fixed USD face value F, and their PnL and margin are in the coin:
// PnL = side·N·F·(1/EP − 1/P) (liquidation.md §2, "solving margin balance = maintenance margin for inverse PnL";
// from-position.ts `positionUnrealizedPnl`). The §1 pipeline carries over with every amount in the coin:
// fees and funding are charged on the coin value N·F/P, the risk budget is r × the coin equity, and the USD caps
// (volatility, depth, gross) are turned into contracts by dividing the USD value by F.

/**
 * Coin lost per contract if the stop fills (§1.1 with inverse PnL): `X = S·(1 − side·s)`,
 * `ℓ_c = F·[side·(1/X − 1/P0) + f_in/P0 + f_out/X + side·F8·n8/P0]`. Without costs this is `F·|1/P0 − 1/S|`.
 */
export function inverseLossPerContract(
  side: Side,
  entry: number,
  stop: number,
  slippage: number,
  feeIn: number,
  feeOut: number,
  faceValue: number,
  fundingPer8h = 0,
  fundingPeriods = 0,
): number {
  const s = sideSign(side);
  const fill = stop * (1 - s * slippage);
  return (
    faceValue *
    (s * (1 / fill - 1 / entry) + feeIn / entry + feeOut / fill + (s * fundingPer8h * fundingPeriods) / entry)
  );
}

/**
 * Isolated inverse liquidation price at leverage L with cum 0 (liquidation.md §2 one-way formula with
 * WB = N·F/(EP·L)): `LP = EP·(side + MMR)/(side + 1/L)`; long `EP·(1 + MMR)/(1 + 1/L)`, short `EP·(1 − MMR)/(1 − 1/L)`.
 * Infinity for a short at 1× or less (the coin margin covers any rise).
 */
export function isolatedInverseLiquidationAtLeverage(side: Side, entry: number, leverage: number, mmr: number): number {
  const s = sideSign(side);
  const den = s + 1 / leverage;
  return side === 'short' && den >= 0 ? Infinity : (entry * (s + mmr)) / den;
}

/**
 * Highest isolated inverse leverage whose liquidation price (cum 0) sits at least `d` beyond the entry: solving
 * `EP·(side + MMR)/(side + 1/L) = EP·(1 − side·d)` gives `L_max = (1 − side·d)/(d + MMR)`; ≤ 0 when no leverage
 * keeps a long that far (d ≥ 1).
 */
export function maxInverseLeverageForDistance(side: Side, requiredDistance: number, mmr: number): number {
  return (1 - sideSign(side) * requiredDistance) / (requiredDistance + mmr);
}

/** §1.5 stop rule for inverse contracts: `d_req = κ·(d_s + s_stress)`, then `maxInverseLeverageForDistance`. */
export function maxInverseLeverageForStop(
  side: Side,
  entry: number,
  stop: number,
  mmr: number,
  stressSlippage = 0.01,
  kappa = 2,
): number {
  const ds = (sideSign(side) * (entry - stop)) / entry;
  return maxInverseLeverageForDistance(side, kappa * (ds + stressSlippage), mmr);
}

/** A venue's liquidation price for the planned position at a leverage (shared/risk/liquidation/ models). */
export type LiquidationAtLeverage = (leverage: number) => LiquidationResult;

export interface FittedLeverage {
  /** The highest whole leverage from `start` down to 1 whose liquidation is at or beyond the bound; null if none. */
  readonly leverage: number | null;
  /** The venue model's answer at that leverage (or at 1× when none fits). */
  readonly result: LiquidationResult | null;
}

/**
 * Steps the leverage down from `floor(start)` until the venue model's liquidation price is at or beyond `bound`
 * (long: LP ≤ bound; short: LP ≥ bound). A model answer of `no_liquidation` passes; any other missing price stops
 * the search (the caller keeps its closed-form figure).
 */
export function fitLeverageToBound(
  side: Side,
  bound: number,
  start: number,
  liquidationAt: LiquidationAtLeverage,
): FittedLeverage {
  let last: LiquidationResult | null = null;
  for (let l = Math.max(1, Math.floor(start)); l >= 1; l--) {
    const r = liquidationAt(l);
    last = r;
    if (r.price === null)
      return r.reason === 'no_liquidation' ? { leverage: l, result: r } : { leverage: null, result: r };
    if (side === 'long' ? r.price <= bound : r.price >= bound) return { leverage: l, result: r };
  }
  return { leverage: null, result: last };
}

export interface SizeInversePositionInput extends Omit<SizePositionInput, 'lotStep'> {
  /** Equity (and the risk budget, fees and losses) in the settle coin: `equity` is the coin balance's equity. */
  readonly settle: string;
  /** F: USD face value of one contract (Binance COIN-M / OKX BTC 100, others 10; Bybit 1). */
  readonly faceValue: number;
  /** Lot step in contracts. */
  readonly lotStep: number;
  /**
   * `existingGrossNotional` is in USD here (the account's open positions in this coin); the gross cap compares it with
   * the coin equity valued at the entry price.
   */
  readonly existingGrossNotional: number;
  /** The venue's own inverse model at a leverage, for the planned contracts; without it the cum-0 closed form is used. */
  readonly liquidationAt?: (leverage: number, contracts: number) => LiquidationResult;
}

export interface InverseLeverageSuggestion extends LeverageSuggestion {
  /** Margin in the coin: N·F/(P0·L). */
  readonly margin: number;
  /** The venue model that priced `liquidationPrice`, or null for the closed form (Infinity: no liquidation). */
  readonly model: LiquidationResult['model'] | null;
}

/**
 * `sizeInversePosition`'s answer. Units differ from the linear one: `quantity` and every `caps[].quantity` are
 * CONTRACTS of `faceValue` USD; `notional` is USD (N·F); `lossPerUnit` is coin per contract; amounts are in `settle`.
 */
export interface InverseSizeSuggestion extends SizeSuggestion {
  readonly unit: 'contracts';
  readonly faceValue: number;
  readonly settle: string;
  /** The coin value of the suggestion at the entry, N·F/P0. */
  readonly coinValue: number;
  /** R = r_eff·E in the coin. */
  readonly riskBudget: number;
  readonly leverage: InverseLeverageSuggestion | null;
}

const COIN_DIGITS = 6;

/**
 * §1.7 for inverse contracts: `N_sugg = floor_to_lot(min(N_risk, N_vol, N_depth, N_gross[, N_kelly]))` in contracts,
 * with `N_risk = r_eff·E_coin/ℓ_c`, `N_vol = E_coin·P0·σ_target·m/(σ·F)`, `N_depth = Q_depth·P0/F` (book in coin),
 * `N_gross = (G_max·E_coin·P0 − open gross USD)/F`; and the leverage from the stop rule with the inverse liquidation
 * price, stepped down until the venue's own model (when given) keeps liquidation beyond the required distance.
 */
export function sizeInversePosition(input: SizeInversePositionInput): InverseSizeSuggestion {
  const { side, asset, settle, equity, entry, stop, regime, faceValue: face } = input;
  const s = sideSign(side);
  const slip = input.slippage ?? regime.slippageBase;
  const loss = inverseLossPerContract(
    side,
    entry,
    stop,
    slip,
    input.feeIn,
    input.feeOut,
    face,
    input.fundingPer8h ?? 0,
    input.fundingPeriods ?? 0,
  );
  const { kellyCap, rEff } = effectiveRisk(input);
  const stopValid = s * (entry - stop) > 0 && loss > 0 && equity > 0 && entry > 0 && face > 0;
  const equityUsd = equity * entry;
  const contractText = `$${fmt(face, 0)} contract`;
  const caps: SizeCap[] = [];

  caps.push(
    stopValid
      ? {
          id: 'risk',
          quantity: (rEff * equity) / loss,
          reason: `risk budget: ${fmtPct(rEff)} of equity (${fmt(rEff * equity, COIN_DIGITS)} ${settle}) lost if the stop at ${fmtPrice(stop)} fills with ${fmtPct(slip)} slippage and fees (${fmt(loss, 8)} ${settle} per ${contractText})`,
        }
      : {
          id: 'risk',
          quantity: null,
          reason: `the stop at ${fmtPrice(stop)} is not on the losing side of the entry ${fmtPrice(entry)}`,
        },
  );

  const target = input.sigmaTarget ?? 0.2;
  caps.push(
    input.sigmaAnnual !== null && input.sigmaAnnual > 0
      ? {
          id: 'volatility',
          quantity: volTargetNotional(equityUsd, target, input.sigmaAnnual, regime.sizeMultiplier) / face,
          reason: `volatility target: ${fmtPct(target, 0)} a year × regime multiplier ${fmt(regime.sizeMultiplier)} against the asset's ${fmtPct(input.sigmaAnnual, 0)}, on the equity's USD value at entry (${fmt(equityUsd, 0)})`,
        }
      : { id: 'volatility', quantity: null, reason: 'no volatility estimate (too few candles)' },
  );

  if (input.book !== null && input.book.levels.price.length > 0) {
    const h = regime.depthHaircut;
    const walk = walkBook(input.book.levels, input.book.mid, input.depthBps, side === 'long' ? 'sell' : 'buy', h);
    const alpha = input.participation ?? 0.1;
    const d1 = depthWithin(input.book.levels, input.book.mid, 0.01, side === 'long' ? 'bids' : 'asks') * h;
    const walkContracts = (walk.quantity * entry) / face;
    const partContracts = (alpha * d1) / face;
    caps.push({
      id: 'depth',
      quantity: Math.min(walkContracts, partContracts),
      reason:
        walkContracts <= partContracts
          ? `order-book depth: exiting ${fmt(walk.quantity, 4)} ${asset} (${fmt(walkContracts, 0)} contracts) within ${fmt(input.depthBps, 0)} bps needs the ${walk.exhausted ? 'whole visible' : 'stressed'} book (haircut ${fmt(h)})`
          : `order-book depth: ${fmtPct(alpha, 0)} of the stressed ±1 % depth (${fmt(d1, 0)} USD) is ${fmt(partContracts, 0)} contracts`,
    });
  } else {
    caps.push({ id: 'depth', quantity: null, reason: 'no order book' });
  }

  caps.push({
    id: 'gross',
    quantity: Math.max(0, (regime.grossCap * equityUsd - input.existingGrossNotional) / face),
    reason: `account gross leverage cap ${fmt(regime.grossCap, 1)}× equity (${fmt(equityUsd, 0)} USD at entry), ${fmt(input.existingGrossNotional, 0)} USD already open`,
  });

  if (kellyCap !== null && stopValid) caps.push(kellyCapOf(kellyCap, equity, loss));

  const binding = bindingCap(caps);
  const raw = stopValid && binding !== null ? Math.max(0, binding.quantity ?? 0) : 0;
  const quantity = floorToStep(raw, input.lotStep);

  let leverage: InverseLeverageSuggestion | null = null;
  if (stopValid) {
    const mmr = input.maintenanceMarginRate;
    const kappa = input.kappa ?? 2;
    const dReq = kappa * ((s * (entry - stop)) / entry + (input.stressSlippage ?? 0.01));
    const lMax = maxInverseLeverageForDistance(side, dReq, mmr);
    const cap = regime.leverageCap;
    let suggested = Math.max(1, Math.floor(Math.min(lMax, cap)));
    let bindingLev: 'stop' | 'regime' = lMax <= cap ? 'stop' : 'regime';
    let lp = isolatedInverseLiquidationAtLeverage(side, entry, suggested, mmr);
    let model: LiquidationResult['model'] | null = null;
    let venueNote = '';
    const at = input.liquidationAt;
    if (at !== undefined) {
      const contracts = Math.max(quantity, input.lotStep);
      const bound = entry * (1 - s * dReq);
      const fitted = fitLeverageToBound(side, bound, suggested, (l) => at(l, contracts));
      if (fitted.leverage !== null && fitted.result !== null) {
        if (fitted.leverage < suggested) {
          venueNote = ` (the venue's own model, with its fees and tiers, allows ${fmt(fitted.leverage, 0)}×, not ${fmt(suggested, 0)}×)`;
          bindingLev = 'stop';
        }
        suggested = fitted.leverage;
        lp = fitted.result.price ?? Infinity;
        model = fitted.result.model;
      }
    }
    leverage = {
      maxForStop: lMax,
      regimeCap: cap,
      suggested,
      binding: bindingLev,
      margin: (raw * face) / (entry * suggested),
      liquidationPrice: lp,
      model,
      reason:
        bindingLev === 'stop'
          ? `leverage ≤ ${fmt(Math.max(lMax, 0), 2)}× keeps the inverse liquidation price twice the stop distance plus cascade slippage away${venueNote}`
          : `the regime caps isolated leverage at ${fmt(cap, 0)}× (the stop alone would allow ${fmt(lMax, 2)}× on this inverse contract)`,
    };
  }

  const reason = sizeReason(
    stopValid,
    caps,
    binding,
    quantity,
    `${fmt(input.lotStep, 0)} contract of $${fmt(face, 0)}`,
  );
  return {
    quantity,
    notional: quantity * face,
    riskFraction: rEff,
    lossPerUnit: loss,
    caps,
    binding: binding?.id ?? null,
    reason,
    leverage,
    unit: 'contracts',
    faceValue: face,
    settle,
    coinValue: (quantity * face) / entry,
    riskBudget: rEff * equity,
  };
}

// ---- the steps linear and inverse sizing share (§1.5–§1.7) ----

/** §1.5: the risk fraction after the regime's and a quarter-Kelly cap. */
function effectiveRisk(input: SizePositionInput): { readonly kellyCap: number | null; readonly rEff: number } {
  const kellyCap = input.kellyFraction !== null && input.kellyFraction > 0 ? 0.25 * input.kellyFraction : null;
  return { kellyCap, rEff: Math.min(input.riskFraction, input.regime.riskFraction, kellyCap ?? Infinity) };
}

function kellyCapOf(kellyCap: number, equity: number, loss: number): SizeCap {
  return {
    id: 'kelly',
    quantity: (kellyCap * equity) / loss,
    reason: `quarter Kelly: risking ${fmtPct(kellyCap)} of equity`,
  };
}

/** §1.7: the smallest computable cap binds. */
function bindingCap(caps: readonly SizeCap[]): SizeCap | null {
  let binding: SizeCap | null = null;
  for (const c of caps)
    if (c.quantity !== null && (binding === null || c.quantity < (binding.quantity ?? Infinity))) binding = c;
  return binding;
}

/** The sentence the UI shows for the suggested size; `oneLot` names the lot in the size's unit. */
function sizeReason(
  stopValid: boolean,
  caps: readonly SizeCap[],
  binding: SizeCap | null,
  quantity: number,
  oneLot: string,
): string {
  if (!stopValid) return caps[0]?.reason ?? 'no size fits';
  if (binding === null) return 'no cap could be computed';
  return quantity === 0
    ? `no size fits: capped by ${binding.reason}, below one lot (${oneLot})`
    : `capped by ${binding.reason}`;
}
