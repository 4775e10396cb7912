import type { Side } from '../domain/venue';
import { fmt, fmtPct } from './format';

/** Stress tests (risk-method.md §5): instantaneous BTC shocks carried to each asset by its beta. */

/** §5.1 grid: −5, −10, −15, −20 % and +5, +10 % on BTC. */
export const DEFAULT_SHOCKS: readonly number[] = [-0.05, -0.1, -0.15, -0.2, 0.05, 0.1];
/** Any single-asset move is capped at −95 % (§5.1 [P]). */
export const MAX_ASSET_DROP = -0.95;
/** Betas at or above this count as high-beta: §5.2 suggests isolating them or capping their share of cross notional. */
export const HIGH_BETA = 1.5;

/** Large caps beyond BTC/ETH/SOL that take the 1.5 default (§5.1 "other large caps"); unknown assets take 2.0 (mid caps). */
const LARGE_CAPS = new Set([
  'BNB',
  'XRP',
  'ADA',
  'DOGE',
  'AVAX',
  'LINK',
  'DOT',
  'TRX',
  'TON',
  'LTC',
  'BCH',
  'XLM',
  'SUI',
  'HYPE',
]);

/** §5.1 stress defaults [P]: BTC 1, ETH 1.3, SOL 1.8, other large caps 1.5, mid caps 2.0 (small caps 2.5 need a market-cap feed). */
export function defaultBeta(base: string): number {
  const b = base.toUpperCase();
  if (b === 'BTC' || b === 'XBT' || b === 'WBTC') return 1;
  if (b === 'ETH') return 1.3;
  if (b === 'SOL') return 1.8;
  return LARGE_CAPS.has(b) ? 1.5 : 2;
}

export const assetMove = (btcShock: number, beta: number): number => Math.max(MAX_ASSET_DROP, beta * btcShock);

export interface StressPositionInput {
  readonly side: Side;
  /** Linear: base units; PnL in the quote. */
  readonly quantity: number;
  readonly mark: number;
  readonly liquidation: number | null;
  readonly beta: number;
  /** Adverse move (fraction, incl. slippage) at which a stop exits the position, or null for no stop. */
  readonly stopMove?: number | null;
  /**
   * The most the position can lose from the mark (PnL units), or null for no cap. An isolated position is
   * liquidated once its liquidation price is crossed and the trader loses its isolated margin, nothing more
   * (risk-method.md §5.2 "isolated alternative": the loss is capped at its margin): measured from the mark, that is
   * the margin plus the unrealised PnL at mark. Cross positions take null (the account's other margin backs them).
   */
  readonly maxLoss?: number | null;
}

/**
 * The shocked asset moves and prices for one mark and beta: the same for every position on that market, so a
 * report computes them once per market and shares the (read-only) arrays.
 */
export interface StressGrid {
  readonly mark: number;
  readonly beta: number;
  readonly assetMove: readonly number[];
  readonly price: readonly number[];
}

export function stressGrid(mark: number, beta: number, shocks: readonly number[] = DEFAULT_SHOCKS): StressGrid {
  const n = shocks.length;
  const moves = new Array<number>(n);
  const prices = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const move = assetMove(shocks[i] as number, beta);
    moves[i] = move;
    prices[i] = mark * (1 + move);
  }
  return { mark, beta, assetMove: moves, price: prices };
}

/**
 * Per-position stress, one entry per shock of the grid (columns rather than row objects: a report holds one per
 * position). `assetMove` and `price` are the grid's (shared between positions of a market).
 */
export interface PositionStress {
  readonly assetMove: readonly number[];
  readonly price: readonly number[];
  readonly pnl: readonly number[];
  /** The liquidation price is crossed at this shock (the position's own LP, others held at mark). */
  readonly liquidated: readonly boolean[];
  /** The loss cap applied (isolated margin plus uPnL at mark), or null. */
  readonly maxLoss: number | null;
}

/**
 * Per-position PnL and liquidation at each shock: linear PnL `side·Q·ΔP`; a stop caps the loss at its move; past
 * its liquidation price a position with `maxLoss` loses exactly that (it is liquidated, §5.2).
 */
export function stressPosition(
  p: StressPositionInput,
  shocks: readonly number[] = DEFAULT_SHOCKS,
  grid: StressGrid = stressGrid(p.mark, p.beta, shocks),
): PositionStress {
  const s = p.side === 'long' ? 1 : -1;
  const stop = p.stopMove ?? null;
  const maxLoss = p.maxLoss ?? null;
  const { quantity, mark, liquidation } = p;
  const n = shocks.length;
  const pnl = new Array<number>(n);
  // Up to 20 shocks the flags are a bit mask (shared lists, below); a longer grid gets its own list.
  let hits = 0;
  const long = n > 20 ? new Array<boolean>(n) : null;
  const moves = grid.assetMove;
  const prices = grid.price;
  // A stop that fills before the liquidation price closes the position first; otherwise liquidation takes the margin.
  const stopFirst = stop !== null && liquidation !== null && stop < (s * (mark - liquidation)) / mark;
  for (let i = 0; i < n; i++) {
    const move = moves[i] as number;
    const price = prices[i] as number;
    const adverse = -s * move;
    const effective = stop !== null && adverse > stop ? -s * stop : move;
    const hit = liquidation !== null && (s > 0 ? price <= liquidation : price >= liquidation);
    const raw = s * quantity * mark * effective;
    pnl[i] = maxLoss !== null && ((hit && !stopFirst) || raw < -maxLoss) ? -maxLoss : raw;
    if (long !== null) long[i] = hit;
    else if (hit) hits |= 1 << i;
  }
  return { assetMove: moves, price: prices, pnl, liquidated: long ?? liquidatedFlags(hits, n), maxLoss };
}

/**
 * The liquidated flags of n ≤ 20 shocks from a bit mask (bit i: shock i). A report has a handful of patterns across
 * its positions, so each (read-only) list is made once and shared: an array per position per report otherwise.
 */
function liquidatedFlags(mask: number, n: number): readonly boolean[] {
  // A mask of n ≤ 20 bits is below 2²¹, so (n, mask) → n·2²¹ + mask is one number per pair.
  const key = n * 2 ** 21 + mask;
  let flags = LIQUIDATED_FLAGS.get(key);
  if (flags === undefined) {
    const made: boolean[] = [];
    for (let i = 0; i < n; i++) made.push((mask & (1 << i)) !== 0);
    flags = made;
    if (LIQUIDATED_FLAGS.size < 4_096) LIQUIDATED_FLAGS.set(key, flags);
  }
  return flags;
}
const LIQUIDATED_FLAGS = new Map<number, readonly boolean[]>();

export interface CrossLeg {
  readonly label: string;
  readonly side: Side;
  /** Notional at mark (quote), positive. */
  readonly notional: number;
  readonly beta: number;
  readonly mmr: number;
  /** Maintenance amount (cum / deduction); 0 when none. */
  readonly maintenanceAmount: number;
  readonly stopMove?: number | null;
}

/** The grid rows as columns, entry i for shock i (a report keeps them so: `AccountRisk.crossStress.rows`). */
export interface CrossShockRows {
  readonly shock: readonly number[];
  readonly pnl: readonly number[];
  readonly equity: readonly number[];
  readonly maintenance: readonly number[];
  /** MM / equity; null once equity is gone. */
  readonly marginRatio: readonly (number | null)[];
  readonly liquidated: readonly boolean[];
}

export interface CrossAccountStress {
  /**
   * BTC move at which the account's equity meets its maintenance margin (§5.2, closed form):
   * `x_liq = (Σ N·MMR − Σ cum − Eq) / (Σ side·N·β − Σ N·β·MMR)`; null when no move within the model's range does it.
   */
  readonly btcMoveToLiquidation: number | null;
  readonly reason: string;
  readonly rows: CrossShockRows;
}

/** Equity and maintenance of a cross account after a BTC move x (linear; tiers held). */
export function crossAccountAt(equity: number, legs: readonly CrossLeg[], x: number, useStops = false) {
  let pnl = 0;
  let mm = 0;
  for (const l of legs) {
    const s = l.side === 'long' ? 1 : -1;
    const move = assetMove(x, l.beta);
    const stop = useStops ? (l.stopMove ?? null) : null;
    const effective = stop !== null && -s * move > stop ? -s * stop : move;
    pnl += s * l.notional * effective;
    mm += Math.max(0, l.notional * (1 + move) * l.mmr - l.maintenanceAmount);
  }
  return { pnl, equity: equity + pnl, maintenance: mm };
}

/** §5.2: the BTC move that liquidates a cross account, and the grid rows. `equity` = wallet balance + uPnL at mark. */
export function stressCrossAccount(
  equity: number,
  legs: readonly CrossLeg[],
  shocks: readonly number[] = DEFAULT_SHOCKS,
  useStops = false,
): CrossAccountStress {
  let mm0 = 0;
  let slope = 0;
  for (const l of legs) {
    const s = l.side === 'long' ? 1 : -1;
    mm0 += l.notional * l.mmr - l.maintenanceAmount;
    slope += s * l.notional * l.beta - l.notional * l.beta * l.mmr;
  }
  const n = shocks.length;
  // Exact-size columns (a list grown by push keeps room for 17 entries).
  const pnl = new Array<number>(n);
  const equities = new Array<number>(n);
  const maintenance = new Array<number>(n);
  let ratios = new Array<number | null>(n);
  let gone = false;
  let hits = 0;
  const long = n > 20 ? new Array<boolean>(n) : null;
  for (let i = 0; i < n; i++) {
    const r = crossAccountAt(equity, legs, shocks[i] as number, useStops);
    pnl[i] = r.pnl;
    equities[i] = r.equity;
    maintenance[i] = r.maintenance;
    // NaN marks "no ratio" until the end: a list with a null holds every number as its own object.
    if (!(r.equity > 0)) gone = true;
    ratios[i] = r.equity > 0 ? r.maintenance / r.equity : NaN;
    const hit = r.equity <= r.maintenance;
    if (long !== null) long[i] = hit;
    else if (hit) hits |= 1 << i;
  }
  if (gone) ratios = ratios.map((x) => (x !== null && Number.isNaN(x) ? null : x));
  const rows: CrossShockRows = {
    shock: shocks,
    pnl,
    equity: equities,
    maintenance,
    marginRatio: ratios,
    liquidated: long ?? liquidatedFlags(hits, n),
  };
  if (legs.length === 0) return { btcMoveToLiquidation: null, reason: 'no cross positions', rows };
  if (equity <= mm0)
    return { btcMoveToLiquidation: 0, reason: 'the account is at or below maintenance margin now', rows };
  if (slope === 0)
    return {
      btcMoveToLiquidation: null,
      reason: 'the positions offset each other: no BTC move liquidates the account',
      rows,
    };
  const x = (mm0 - equity) / slope;
  const maxBeta = legs.reduce((m, l) => Math.max(m, l.beta), 0);
  if (x < 0 && maxBeta * x <= MAX_ASSET_DROP) {
    return {
      btcMoveToLiquidation: null,
      reason: `no BTC fall short of one that takes an asset down ${fmtPct(-MAX_ASSET_DROP, 0)} liquidates the account`,
      rows,
    };
  }
  return {
    btcMoveToLiquidation: x,
    reason: `the account is liquidated if BTC moves ${x > 0 ? '+' : ''}${fmtPct(x)} with every asset following at its beta`,
    rows,
  };
}

/** `stressCrossAccount(equity, legs).btcMoveToLiquidation` without the grid rows and the sentence. */
function crossMoveToLiquidation(equity: number, legs: readonly CrossLeg[]): number | null {
  let mm0 = 0;
  let slope = 0;
  let maxBeta = 0;
  for (let i = 0; i < legs.length; i++) {
    const l = legs[i] as CrossLeg;
    const s = l.side === 'long' ? 1 : -1;
    mm0 += l.notional * l.mmr - l.maintenanceAmount;
    slope += s * l.notional * l.beta - l.notional * l.beta * l.mmr;
    maxBeta = Math.max(maxBeta, l.beta);
  }
  if (legs.length === 0) return null;
  if (equity <= mm0) return 0;
  if (slope === 0) return null;
  const x = (mm0 - equity) / slope;
  return x < 0 && maxBeta * x <= MAX_ASSET_DROP ? null : x;
}

/** §5.2 comparison: the same account without its high-beta legs (β ≥ 1.5), and a sentence when they shorten the move. */
export function highBetaEffect(
  equity: number,
  legs: readonly CrossLeg[],
): { without: number | null; labels: string[]; sentence: string | null } {
  const high = legs.filter((l) => l.beta >= HIGH_BETA);
  if (high.length === 0) return { without: null, labels: [], sentence: null };
  const rest = legs.filter((l) => l.beta < HIGH_BETA);
  const all = crossMoveToLiquidation(equity, legs);
  const without = crossMoveToLiquidation(equity, rest);
  const sentence =
    all !== null && (without === null || Math.abs(without) > Math.abs(all))
      ? `the high-beta positions ${high.map((l) => `${l.label} (β ${fmt(l.beta, 2)})`).join(', ')} share this margin: the account survives a BTC move of ${fmtPct(all)} with them and ${without === null ? 'any move' : fmtPct(without)} without; put them in isolated margin or cap their share of the cross notional`
      : null;
  return { without, labels: high.map((l) => l.label), sentence };
}
