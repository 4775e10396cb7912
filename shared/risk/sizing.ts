import type { BookLevel } from '../domain/market';
import type { Side } from '../domain/venue';
import { floorToStep, fmt, fmtPct, fmtPrice } from './format';
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
 * Walks the exit side of the book (`levels` best first: bids for selling, asks for buying) within `bps` of `mid`:
 * limit VWAP `V* = mid·(1 ∓ bps/10⁴)`; whole levels while the VWAP stays within V*, then a partial
 * `z = (ΣpQ − V*·ΣQ)/(V* − p_k)`. Level sizes are scaled by the haircut `h` (stressed book).
 */
export function walkBook(
  levels: readonly BookLevel[],
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
  for (let j = 0; j < levels.length; j++) {
    const level = levels[j] as BookLevel;
    const p = level[0];
    const qj = level[1] * haircut;
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
export function depthWithin(
  levels: readonly BookLevel[],
  mid: number,
  fraction: number,
  side: 'bids' | 'asks',
): number {
  const bound = side === 'bids' ? mid * (1 - fraction) : mid * (1 + fraction);
  let sum = 0;
  for (let j = 0; j < levels.length; j++) {
    const level = levels[j] as BookLevel;
    const p = level[0];
    if (side === 'bids' ? p < bound : p > bound) break;
    sum += p * level[1];
  }
  return sum;
}

/**
 * Market-order VWAP slippage versus mid, as a fraction, for `quantity` on the (haircut) exit side. Null when the
 * visible book cannot fill it.
 */
export function marketSlippage(
  levels: readonly BookLevel[],
  mid: number,
  quantity: number,
  direction: 'sell' | 'buy',
  haircut = 1,
): number | null {
  if (!(quantity > 0)) return 0;
  let left = quantity;
  let pq = 0;
  for (let j = 0; j < levels.length; j++) {
    const level = levels[j] as BookLevel;
    const p = level[0];
    const take = Math.min(left, level[1] * haircut);
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
  /** Exit side, best first: bids for a long, asks for a short. */
  readonly levels: readonly BookLevel[];
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
  const kellyCap = input.kellyFraction !== null && input.kellyFraction > 0 ? 0.25 * input.kellyFraction : null;
  const rEff = Math.min(input.riskFraction, regime.riskFraction, kellyCap ?? Infinity);
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

  if (input.book !== null && input.book.levels.length > 0) {
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

  if (kellyCap !== null && stopValid) {
    caps.push({
      id: 'kelly',
      quantity: (kellyCap * equity) / loss,
      reason: `quarter Kelly: risking ${fmtPct(kellyCap)} of equity`,
    });
  }

  let binding: SizeCap | null = null;
  for (const c of caps)
    if (c.quantity !== null && (binding === null || c.quantity < (binding.quantity ?? Infinity))) binding = c;
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

  const reason = !stopValid
    ? (caps[0]?.reason ?? 'no size fits')
    : binding === null
      ? 'no cap could be computed'
      : quantity === 0
        ? `no size fits: capped by ${binding.reason}, below one lot (${fmt(input.lotStep, 8)} ${asset})`
        : `capped by ${binding.reason}`;
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
