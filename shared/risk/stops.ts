import type { SuggestedOrder } from '../domain/order';
import type { LadderProblem, LadderRungs, LadderTerms } from '../domain/risk-report';
import type { MarginMode, MarketKind, Side, Venue } from '../domain/venue';
import { floorToStep, roundToTick } from './format';
import { ladderOrderCount, ladderOrders } from './ladder-orders';
import { touchProbability } from './probability';
import {
  inverseContractsForLiquidation,
  inverseMarginToReach,
  marginToReach,
  quantityForLiquidation,
} from './reduction';
import type { RegimeParams } from './regime';
import {
  inverseLossPerContract,
  lossPerUnit,
  marketSlippage,
  maxInverseLeverageForDistance,
  maxLeverageForDistance,
  type OrderBookSide,
} from './sizing';

/** Staggered (laddered) stop orders (risk-method.md §4). */

const sgn = (s: Side): 1 | -1 => (s === 'long' ? 1 : -1);

/** Round-number grid ≈ 1 % of price: the largest 1·10ᵏ, 2·10ᵏ or 5·10ᵏ not above 1 % of the price (1,000 near 100k). */
export function roundGridStep(price: number): number {
  const target = price * 0.01;
  const k = Math.floor(Math.log10(target));
  const base = Math.pow(10, k);
  for (const m of [5, 2, 1]) if (m * base <= target * (1 + 1e-12)) return m * base;
  return base;
}

/**
 * Moves a stop out of a round-number cluster zone (§4.1, Osler [S41]): for a long the zone is (R − z, R + z_in],
 * z = 0.25 %·P0, z_in = 0.05 %·P0, and a stop inside it moves to R − (z + 0.1·ATR); a short mirrors it.
 * Returns the same price when no zone applies.
 */
export function avoidRoundNumbers(
  side: Side,
  stop: number,
  reference: number,
  atr: number,
): { price: number; round: number | null } {
  const u = roundGridStep(reference);
  const z = 0.0025 * reference;
  const zin = 0.0005 * reference;
  for (const r of [Math.ceil(stop / u) * u, Math.floor(stop / u) * u]) {
    const inside = side === 'long' ? stop > r - z && stop <= r + zin : stop >= r - zin && stop < r + z;
    if (inside) return { price: r - sgn(side) * (z + 0.1 * atr), round: r };
  }
  return { price: stop, round: null };
}

/** A failed constraint with its figures (domain/risk-report.ts); its sentences: ladder-problem-text.ts. */
export type { LadderProblem } from '../domain/risk-report';

/** One rung of a ladder, as a screen shows it (a ladder holds its rungs as columns: `LadderRungs`). */
export interface LadderRung {
  readonly tranche: number;
  readonly weight: number;
  readonly atrMultiple: number;
  /** k·ATR from the reference before any adjustment, and the trigger after round-number and tick rounding. */
  readonly rawTrigger: number;
  readonly trigger: number;
  /** The round number the rung was moved away from, or null. */
  readonly movedFrom: number | null;
  /** Regime slippage s_i, the book's (stressed) VWAP slippage for this rung, and the one used (the larger). */
  readonly regimeSlippage: number;
  readonly bookSlippage: number | null;
  readonly slippage: number;
  readonly fill: number;
  /** ℓ_i per base unit, the rung's base quantity, and its loss if it fills. */
  readonly lossPerUnit: number;
  readonly quantity: number;
  /** The rung's order amount in contracts (whole amount steps; 0 when it holds no whole lot). */
  readonly contracts: number;
  readonly loss: number;
  /** Probability of touching the trigger within the horizon (driftless), when σ is known. */
  readonly touchProbability: number | null;
}

export interface LadderLiquidationCheck {
  readonly deepestFill: number;
  /** b_liq = max(1 %, 0.5·ATR/P0) unless given. */
  readonly buffer: number;
  /** The liquidation price must sit at or beyond this for the deepest stop to fill first. */
  readonly liquidationBound: number;
  readonly liquidationPrice: number | null;
  readonly ok: boolean;
  /** Planned trades: the highest leverage that keeps the bound (§4.2 → §1.5), and floor(min(that, regime cap)). */
  readonly maxLeverage: number | null;
  readonly suggestedLeverage: number | null;
}

export interface StopLadder {
  /** The rungs as columns (empty when made with `withRungs: false`). */
  readonly rungs: LadderRungs;
  readonly orders: readonly SuggestedOrder[];
  /** How many suggested orders the rungs make (ladder-orders.ts `ladderOrderCount`), with or without them. */
  readonly orderCount: number;
  /** Base units covered by the ladder. */
  readonly quantity: number;
  /** Loss if every rung fills (= the budget when the ladder sized the position). */
  readonly worstCaseLoss: number;
  readonly riskBudget: number;
  /** E[loss] over the horizon, Σ q_i·ℓ_i·P_hit,i. */
  readonly expectedLoss: number | null;
  readonly horizonDays: number;
  /** The size a single stop at the deepest rung would allow for the same budget. */
  readonly singleStopQuantity: number | null;
  readonly liquidation: LadderLiquidationCheck;
  readonly feasible: boolean;
  readonly problems: readonly LadderProblem[];
}

/**
 * The market- and side-dependent part of a ladder, as columns (one entry per rung): the same for every position on
 * that market and side, so a report shares these arrays between their ladders (they are the ladders' own columns).
 */
export interface RungPlan {
  readonly tranche: readonly number[];
  readonly atrMultiple: readonly number[];
  /** Weights as configured, and each as a share of their sum (the rungs' `weight`). */
  readonly weight: readonly number[];
  readonly share: readonly number[];
  readonly rawTrigger: readonly number[];
  readonly trigger: readonly number[];
  readonly movedFrom: readonly (number | null)[];
  /** Regime slippage s_i = s_base + (i−1)·s_step. */
  readonly slippage: readonly number[];
  readonly touchProbability: readonly (number | null)[];
}

export interface RungPlanInput {
  readonly side: Side;
  readonly reference: number;
  readonly atr: number;
  readonly atrMultiples: readonly number[];
  readonly weights: readonly number[];
  readonly regime: RegimeParams;
  readonly tickSize: number;
  readonly avoidRoundNumbers: boolean;
  readonly sigmaAnnual: number | null;
  readonly horizonDays: number;
  /** What the reference is, for the reason text. */
  readonly from: 'entry' | 'mark';
}

/** Triggers at k_i·ATR from the reference, moved out of round-number zones, rounded to the tick (§4.1, §4.2). */
export function planRungs(p: RungPlanInput): RungPlan {
  const s = sgn(p.side);
  const n = Math.min(p.atrMultiples.length, p.weights.length);
  const tranche: number[] = [];
  const atrMultiple: number[] = [];
  const weight: number[] = [];
  const rawTrigger: number[] = [];
  const trigger: number[] = [];
  const movedFrom: (number | null)[] = [];
  const slippage: number[] = [];
  const touch: (number | null)[] = [];
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    const k = p.atrMultiples[i] ?? 0;
    const raw = p.reference - s * k * p.atr;
    const moved = p.avoidRoundNumbers
      ? avoidRoundNumbers(p.side, raw, p.reference, p.atr)
      : { price: raw, round: null };
    const t = roundToTick(moved.price, p.tickSize, p.side === 'long' ? 'up' : 'down');
    const w = p.weights[i] ?? 0;
    wSum += w;
    tranche.push(i + 1);
    atrMultiple.push(k);
    weight.push(w);
    rawTrigger.push(raw);
    trigger.push(t);
    movedFrom.push(moved.round);
    slippage.push(p.regime.slippageBase + i * p.regime.slippageStep);
    touch.push(p.sigmaAnnual === null ? null : touchProbability(p.side, p.reference, t, p.sigmaAnnual, p.horizonDays));
  }
  const share: number[] = [];
  for (let i = 0; i < n; i++) share.push((weight[i] as number) / wSum);
  return { tranche, atrMultiple, weight, share, rawTrigger, trigger, movedFrom, slippage, touchProbability: touch };
}

/** Rung i of a ladder as one object (for a screen; a ladder keeps its rungs as columns). */
export function ladderRung(rungs: LadderRungs, i: number): LadderRung {
  return {
    tranche: rungs.tranche[i] as number,
    weight: rungs.weight[i] as number,
    atrMultiple: rungs.atrMultiple[i] as number,
    rawTrigger: rungs.rawTrigger[i] as number,
    trigger: rungs.trigger[i] as number,
    movedFrom: rungs.movedFrom[i] ?? null,
    regimeSlippage: rungs.regimeSlippage[i] as number,
    bookSlippage: rungs.bookSlippage[i] ?? null,
    slippage: rungs.slippage[i] as number,
    fill: rungs.fill[i] as number,
    lossPerUnit: rungs.lossPerUnit[i] as number,
    quantity: rungs.quantity[i] as number,
    contracts: rungs.contracts[i] as number,
    loss: rungs.loss[i] as number,
    touchProbability: rungs.touchProbability[i] ?? null,
  };
}

/** A ladder's rungs, one object each, in tranche order. */
export function ladderRungList(rungs: LadderRungs): LadderRung[] {
  const out: LadderRung[] = [];
  for (let i = 0; i < rungs.tranche.length; i++) out.push(ladderRung(rungs, i));
  return out;
}

/** Rungs given one object each (a test fixture, an edited ladder) as a ladder's columns. */
export function ladderRungColumns(list: readonly LadderRung[]): LadderRungs {
  return {
    tranche: list.map((r) => r.tranche),
    weight: list.map((r) => r.weight),
    atrMultiple: list.map((r) => r.atrMultiple),
    rawTrigger: list.map((r) => r.rawTrigger),
    trigger: list.map((r) => r.trigger),
    movedFrom: list.map((r) => r.movedFrom),
    regimeSlippage: list.map((r) => r.regimeSlippage),
    bookSlippage: list.map((r) => r.bookSlippage),
    slippage: list.map((r) => r.slippage),
    fill: list.map((r) => r.fill),
    lossPerUnit: list.map((r) => r.lossPerUnit),
    quantity: list.map((r) => r.quantity),
    contracts: list.map((r) => r.contracts),
    loss: list.map((r) => r.loss),
    touchProbability: list.map((r) => r.touchProbability),
  };
}

export interface StopLadderInput {
  readonly venue: Venue;
  readonly symbol: string;
  readonly positionId: string | null;
  readonly asset: string;
  readonly settle: string;
  readonly side: Side;
  readonly kind: MarketKind;
  readonly marginMode: MarginMode;
  /** Hedge mode: the leg (orders carry positionSide instead of relying on reduce-only). */
  readonly hedged: boolean;
  /** Where the ATR distances are measured from: the mark for an open position, the entry for a planned one. */
  readonly reference: number;
  readonly entry: number;
  readonly atr: number;
  readonly atrMultiples: readonly number[];
  readonly weights: readonly number[];
  readonly regime: RegimeParams;
  readonly feeIn: number;
  readonly feeOut: number;
  /** Loss budget R (settle currency). */
  readonly riskBudget: number;
  /** Open position: its base quantity. Planned: null, and the ladder sizes it to the budget. */
  readonly quantity: number | null;
  /** The position's liquidation price (open) or null (planned), and the MMR to use. */
  readonly liquidationPrice: number | null;
  readonly maintenanceMarginRate: number;
  readonly liquidationBuffer?: number;
  readonly avoidRoundNumbers?: boolean;
  readonly tickSize: number;
  /** Amount step in contracts, and base units per contract (linear) or USD per contract (inverse). */
  readonly amountStep: number;
  readonly contractSize: number;
  /** Exit side of the book; its levels are scaled by the regime's depth haircut. */
  readonly book: OrderBookSide | null;
  readonly sigmaAnnual: number | null;
  readonly horizonDays?: number;
  /** A plan from `planRungs` for the same side, reference, ATR, settings and regime (shared across positions). */
  readonly plan?: RungPlan;
  /**
   * Make the suggested orders (default true). A risk report keeps the rungs only and makes orders on demand
   * (ladder-orders.ts), so it passes false and `orders` is empty.
   */
  readonly withOrders?: boolean;
  /**
   * Keep the rungs (default true). A report keeps the rungs of some positions only (position-ladder.ts): for the
   * others it passes false, `rungs` is empty and the ladder holds its totals, problems and `orderCount`.
   */
  readonly withRungs?: boolean;
}

/**
 * Builds the ladder (§4.1–§4.3): triggers at k_i·ATR, moved out of round-number zones and rounded to the tick
 * (towards the price, away from liquidation); fills with s_i = s_base + (i−1)·s_step (or the book's stressed VWAP
 * slippage when larger); Q = R/Σ w_i·ℓ_i for a planned trade; the deepest fill checked against the liquidation
 * price with the buffer; one reduce-only stop-market order per rung on the mark price. Every failed constraint is
 * listed with what to change.
 */
export function stopLadder(input: StopLadderInput): StopLadder {
  const { side, reference, atr, regime, atrMultiples, weights } = input;
  const horizon = input.horizonDays ?? 7;
  const buffer = input.liquidationBuffer ?? Math.max(0.01, (0.5 * atr) / reference);
  const problems: LadderProblem[] = [];
  // What the problems' sentences need of the position or plan: one object shared by the ladder's problems.
  let terms: LadderTerms | null = null;

  // Contract conversion: linear contracts × size = base; inverse contracts × USD size ÷ price = base.
  const linear = input.kind === 'linear';
  const lotBase = toBase(linear, input.amountStep, input.contractSize, reference);

  // 1. Triggers and fills: the plan depends on the market and side only, so a report shares it between positions.
  const plan =
    input.plan ??
    planRungs({
      side,
      reference,
      atr,
      atrMultiples,
      weights,
      regime,
      tickSize: input.tickSize,
      avoidRoundNumbers: input.avoidRoundNumbers ?? true,
      sigmaAnnual: input.sigmaAnnual,
      horizonDays: horizon,
      from: input.quantity === null ? 'entry' : 'mark',
    });
  const n = plan.trigger.length;
  let wSum = 0;
  let belowZero = false;
  const losses = LOSSES;
  for (let i = 0; i < n; i++) {
    const trigger = plan.trigger[i] as number;
    wSum += plan.weight[i] as number;
    if (!(trigger > 0)) belowZero = true;
    losses[i] = rungLoss(input, trigger, plan.slippage[i] as number);
  }
  if (belowZero) {
    problems.push({
      constraint: 'stop_side',
      terms: (terms ??= ladderTerms(input)),
      cause: 'below_zero',
      reduceBy: null,
      addMargin: null,
      maxLeverage: null,
    });
  }

  // 2. Quantity: the budget sizes a planned trade; an open position keeps its own.
  let weightedLoss = 0;
  for (let i = 0; i < n; i++) weightedLoss += ((plan.weight[i] ?? 0) / wSum) * (losses[i] ?? 0);
  const fitQuantity = weightedLoss > 0 ? input.riskBudget / weightedLoss : null;
  const total = input.quantity ?? (fitQuantity === null ? 0 : floorToStep(fitQuantity, lotBase));
  if (input.quantity === null && fitQuantity === null) {
    problems.push({
      constraint: 'stop_side',
      terms: (terms ??= ladderTerms(input)),
      cause: 'winning_side',
      reduceBy: null,
      addMargin: null,
      maxLeverage: null,
    });
  }

  // 3. Split into rungs in whole amount steps; the last rung takes the remainder so the ladder covers the position.
  // 4. Book slippage per rung (stressed book); the larger of book and regime slippage is the one assumed.
  // The position-dependent columns are built in scratch columns; the ladder keeps copies of them (withRungs).
  const totalContracts = toContracts(linear, total, input.contractSize, reference);
  const cols = RUNG_SCRATCH;
  let worst = buildRungs(input, plan, losses, wSum, floorToStep(totalContracts, input.amountStep), cols);
  if (input.quantity === null && worst > input.riskBudget * (1 + 1e-9)) {
    // The book's slippage exceeded the regime's: shrink the planned size to the budget once more.
    const budgetContracts = floorToStep((totalContracts * input.riskBudget) / worst, input.amountStep);
    worst = buildRungs(input, plan, losses, wSum, budgetContracts, cols);
  }
  let emptyRung = false;
  for (let i = 0; i < n; i++) if ((cols.contracts[i] as number) <= 0) emptyRung = true;
  if (total > 0 && emptyRung) {
    problems.push({
      constraint: 'lot_size',
      terms: (terms ??= ladderTerms(input)),
      quantity: total,
      rungs: n,
      lot: lotBase,
      reduceBy: null,
      addMargin: null,
      maxLeverage: null,
    });
  }
  let quantity = 0;
  let expected = 0;
  for (let i = 0; i < n; i++) {
    quantity += cols.quantity[i] as number;
    expected += (cols.loss[i] as number) * (plan.touchProbability[i] ?? 0);
  }
  const expectedLoss = input.sigmaAnnual === null ? null : expected;
  const deepest = n - 1;

  // 5. Risk budget (an open position's own size may exceed it).
  if (input.quantity !== null && worst > input.riskBudget * (1 + 1e-9) && fitQuantity !== null) {
    // Inverse: the fit is floored to whole contracts, then turned back into base units at the reference.
    const keepQ = linear
      ? floorToStep(fitQuantity, lotBase)
      : toBase(
          false,
          floorToStep(toContracts(false, fitQuantity, input.contractSize, reference), input.amountStep),
          input.contractSize,
          reference,
        );
    const reduceBy = Math.max(0, input.quantity - keepQ);
    problems.push({
      constraint: 'risk_budget',
      terms: (terms ??= ladderTerms(input)),
      worstCaseLoss: worst,
      riskBudget: input.riskBudget,
      quantity: input.quantity,
      reduceBy,
      addMargin: null,
      maxLeverage: null,
    });
  }

  // 6. Liquidation: the deepest fill must come before liquidation with the buffer (§4.2).
  const deepestFill = cols.fill[deepest] ?? reference;
  const bound = side === 'long' ? deepestFill / (1 + buffer) : deepestFill / (1 - buffer);
  let ok = true;
  let maxLeverage: number | null = null;
  let suggestedLeverage: number | null = null;
  const lp = input.liquidationPrice;
  if (lp !== null) {
    ok = side === 'long' ? lp <= bound : lp >= bound;
    if (!ok) {
      const mmr = input.maintenanceMarginRate;
      // Inverse: margin in the coin and the fit in contracts (reduction.ts, liquidation.md §2), back in base units.
      const held = linear ? 0 : toContracts(false, quantity, input.contractSize, reference);
      const addMargin = linear
        ? marginToReach(side, quantity, reference, lp, bound, mmr)
        : inverseMarginToReach(side, held, input.contractSize, lp, bound, mmr);
      const fitQ =
        input.marginMode !== 'cross'
          ? null
          : linear
            ? floorToStep(quantityForLiquidation(side, quantity, reference, lp, bound, mmr), lotBase)
            : toBase(
                false,
                floorToStep(
                  inverseContractsForLiquidation(side, held, input.contractSize, reference, lp, bound, mmr),
                  input.amountStep,
                ),
                input.contractSize,
                reference,
              );
      const reduceBy = fitQ === null ? null : Math.max(0, quantity - fitQ);
      const tightest =
        side === 'long'
          ? (lp * (1 + buffer)) / (1 - (cols.slippage[deepest] ?? 0))
          : (lp * (1 - buffer)) / (1 + (cols.slippage[deepest] ?? 0));
      problems.push({
        constraint: 'liquidation_buffer',
        terms: terms ?? ladderTerms(input),
        buffer,
        deepestTrigger: plan.trigger[deepest] ?? reference,
        deepestFill,
        bound,
        liquidationPrice: lp,
        tightest,
        reduceBy,
        addMargin,
        maxLeverage: null,
      });
    }
  } else {
    const dReq = side === 'long' ? 1 - bound / reference : bound / reference - 1;
    maxLeverage = !(dReq > 0)
      ? null
      : linear
        ? maxLeverageForDistance(side, dReq, input.maintenanceMarginRate)
        : maxInverseLeverageForDistance(side, dReq, input.maintenanceMarginRate);
    suggestedLeverage = maxLeverage === null ? null : Math.floor(Math.min(maxLeverage, regime.leverageCap));
    if (suggestedLeverage !== null && suggestedLeverage < 1) {
      ok = false;
      problems.push({
        constraint: 'liquidation_buffer',
        terms: terms ?? ladderTerms(input),
        buffer,
        deepestTrigger: plan.trigger[deepest] ?? reference,
        deepestFill,
        bound,
        liquidationPrice: null,
        tightest: null,
        reduceBy: null,
        addMargin: null,
        maxLeverage,
      });
    }
  }

  // The rungs: the plan's columns with copies of the scratch columns, made only when kept or turned into orders.
  const full = input.withRungs === false && input.withOrders === false ? null : rungColumns(plan, cols, n);
  const orders =
    input.withOrders === false || full === null
      ? NO_ORDERS
      : ladderOrders(
          {
            venue: input.venue,
            symbol: input.symbol,
            positionId: input.positionId,
            side,
            hedged: input.hedged,
            from: input.quantity === null ? 'entry' : 'mark',
          },
          full,
        );
  const rungs = input.withRungs === false || full === null ? NO_RUNGS : full;
  // The order count reads contracts, triggers and fills only: without a copy, the scratch columns are enough.
  const orderCount = ladderOrderCount(
    full ?? { tranche: plan.tranche, trigger: plan.trigger, fill: cols.fill, contracts: cols.contracts },
  );

  const singleLoss = n === 0 ? 0 : rungLoss(input, plan.trigger[deepest] as number, plan.slippage[deepest] as number);
  return {
    rungs,
    orders,
    orderCount,
    quantity,
    worstCaseLoss: worst,
    riskBudget: input.riskBudget,
    expectedLoss,
    horizonDays: horizon,
    singleStopQuantity: singleLoss > 0 ? input.riskBudget / singleLoss : null,
    liquidation: {
      deepestFill,
      buffer,
      liquidationBound: bound,
      liquidationPrice: lp,
      ok,
      maxLeverage,
      suggestedLeverage,
    },
    feasible: problems.length === 0,
    // A list grown by push keeps room for 17 entries: the one kept is an exact copy (one per ladder otherwise).
    problems: problems.length === 0 ? NO_PROBLEMS : problems.slice(),
  };
}

// Scratch buffers for the per-rung losses and the position-dependent rung columns, reused by every ladder
// (stopLadder is synchronous and never re-entered; the ladder it returns holds copies, never these arrays). They are
// written by index, never emptied (emptying an array drops its storage): entries from n on are a previous ladder's.
// Book slippage is NaN where there is none, so every scratch column holds plain doubles.
const LOSSES: number[] = [];
interface RungScratch {
  readonly bookSlippage: number[];
  readonly slippage: number[];
  readonly fill: number[];
  readonly lossPerUnit: number[];
  readonly quantity: number[];
  readonly contracts: number[];
  readonly loss: number[];
}
const RUNG_SCRATCH: RungScratch = {
  bookSlippage: [],
  slippage: [],
  fill: [],
  lossPerUnit: [],
  quantity: [],
  contracts: [],
  loss: [],
};
const NO_ORDERS: readonly SuggestedOrder[] = [];
const NO_PROBLEMS: readonly LadderProblem[] = [];
/** A ladder's rungs: the plan's columns, and copies of the first n entries of the scratch columns. */
function rungColumns(plan: RungPlan, cols: RungScratch, n: number): LadderRungs {
  return {
    tranche: plan.tranche,
    weight: plan.share,
    atrMultiple: plan.atrMultiple,
    rawTrigger: plan.rawTrigger,
    trigger: plan.trigger,
    movedFrom: plan.movedFrom,
    regimeSlippage: plan.slippage,
    bookSlippage: bookSlippageColumn(cols.bookSlippage, n),
    slippage: cols.slippage.slice(0, n),
    fill: cols.fill.slice(0, n),
    lossPerUnit: cols.lossPerUnit.slice(0, n),
    quantity: cols.quantity.slice(0, n),
    contracts: cols.contracts.slice(0, n),
    loss: cols.loss.slice(0, n),
    touchProbability: plan.touchProbability,
  };
}

/**
 * The first n scratch book slippages as the rungs' column (NaN → null). Without a null it is a copy of the doubles
 * (one unboxed store); a list with a null holds every number as its own object, so it is made only when needed.
 */
function bookSlippageColumn(scratch: readonly number[], n: number): (number | null)[] {
  let none = false;
  for (let i = 0; i < n; i++) if (Number.isNaN(scratch[i])) none = true;
  if (!none) return scratch.slice(0, n);
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const b = scratch[i] as number;
    out.push(Number.isNaN(b) ? null : b);
  }
  return out;
}
const NO_RUNGS: LadderRungs = {
  tranche: [],
  weight: [],
  atrMultiple: [],
  rawTrigger: [],
  trigger: [],
  movedFrom: [],
  regimeSlippage: [],
  bookSlippage: [],
  slippage: [],
  fill: [],
  lossPerUnit: [],
  quantity: [],
  contracts: [],
  loss: [],
  touchProbability: [],
};

/**
 * ℓ per base unit of a rung: linear §4.3; inverse, the coin lost per contract (sizing `inverseLossPerContract`,
 * `F·[side·(1/X − 1/P0) + f_in/P0 + f_out/X]`) × reference/F, so that q_base·ℓ (q_base = contracts·F/reference) is
 * exactly the coin loss of the rung's contracts.
 */
function rungLoss(input: StopLadderInput, trigger: number, slippage: number): number {
  if (input.kind === 'linear')
    return lossPerUnit(input.side, input.entry, trigger, slippage, input.feeIn, input.feeOut);
  const perContract = inverseLossPerContract(
    input.side,
    input.entry,
    trigger,
    slippage,
    input.feeIn,
    input.feeOut,
    input.contractSize,
  );
  return (perContract * input.reference) / input.contractSize;
}

/** What a ladder's problems' sentences need of the position or plan (ladder-problem-text.ts). */
const ladderTerms = (input: StopLadderInput): LadderTerms => ({
  asset: input.asset,
  settle: input.settle,
  kind: input.kind,
  side: input.side,
  contractSize: input.contractSize,
  amountStep: input.amountStep,
  reference: input.reference,
});

const toContracts = (linear: boolean, base: number, contractSize: number, reference: number): number =>
  linear ? base / contractSize : (base * reference) / contractSize;
const toBase = (linear: boolean, contracts: number, contractSize: number, reference: number): number =>
  linear ? contracts * contractSize : (contracts * contractSize) / reference;

/**
 * Splits into rungs in whole amount steps (the last takes the remainder), with the book's slippage per rung: writes
 * the position-dependent columns into `cols` (entries 0 … n−1) and returns the loss if every rung fills.
 */
function buildRungs(
  input: StopLadderInput,
  plan: RungPlan,
  losses: readonly number[],
  wSum: number,
  totalContracts: number,
  cols: RungScratch,
): number {
  const { side, regime, reference } = input;
  const s = sgn(side);
  const linear = input.kind === 'linear';
  const n = plan.trigger.length;
  let used = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const trigger = plan.trigger[i] as number;
    const regimeSlip = plan.slippage[i] as number;
    const c =
      i === n - 1
        ? floorToStep(totalContracts - used, input.amountStep)
        : floorToStep((totalContracts * (plan.weight[i] as number)) / wSum, input.amountStep);
    used += c;
    const qBase = toBase(linear, c, input.contractSize, reference);
    const book =
      input.book === null || qBase <= 0
        ? null
        : marketSlippage(
            input.book.levels,
            input.book.mid,
            qBase,
            side === 'long' ? 'sell' : 'buy',
            regime.depthHaircut,
          );
    const slip = book === null ? regimeSlip : Math.max(regimeSlip, book);
    const loss = slip === regimeSlip ? (losses[i] ?? 0) : rungLoss(input, trigger, slip);
    worst += qBase * loss;
    cols.bookSlippage[i] = book ?? NaN;
    cols.slippage[i] = slip;
    cols.fill[i] = trigger * (1 - s * slip);
    cols.lossPerUnit[i] = loss;
    cols.quantity[i] = qBase;
    cols.contracts[i] = c;
    cols.loss[i] = qBase * loss;
  }
  return worst;
}
