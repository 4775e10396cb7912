import { REGIME_STATES, type RegimeState } from '../domain/settings';
import type { Side } from '../domain/venue';

/**
 * Market leverage regime (risk-method.md §3): a crowding score X (−1 short-crowded … +1 long-crowded) and a
 * fragility score Φ (0 … 1), combined per side into R_long / R_short, mapped to NORMAL / ELEVATED / CROWDED /
 * EXTREME with hysteresis, and each state to the parameters that scale suggestions (§3.5).
 */

/** §3.5 row of a regime state. Fractions, not percentages. */
export interface RegimeParams {
  /** Size multiplier m. */
  readonly sizeMultiplier: number;
  /** Risk per trade r. */
  readonly riskFraction: number;
  /** Isolated leverage cap. */
  readonly leverageCap: number;
  /** Account gross-leverage cap G_max. */
  readonly grossCap: number;
  /** Stop slippage s_base, plus s_step per deeper tranche. */
  readonly slippageBase: number;
  readonly slippageStep: number;
  /** Depth haircut h applied to the visible book. */
  readonly depthHaircut: number;
  /** σ multiplier k_regime for the stressed touch probability (§2.3 a). */
  readonly sigmaMultiplier: number;
  /** Perp–spot fill gap g for stressed stop fills (§5.2 overlay 1). */
  readonly fillGap: number;
}

export const REGIME_PARAMS: Readonly<Record<RegimeState, RegimeParams>> = {
  NORMAL: {
    sizeMultiplier: 1,
    riskFraction: 0.01,
    leverageCap: 10,
    grossCap: 3,
    slippageBase: 0.001,
    slippageStep: 0.001,
    depthHaircut: 1,
    sigmaMultiplier: 1,
    fillGap: 0,
  },
  ELEVATED: {
    sizeMultiplier: 0.75,
    riskFraction: 0.0075,
    leverageCap: 5,
    grossCap: 2,
    slippageBase: 0.0025,
    slippageStep: 0.0025,
    depthHaircut: 0.7,
    sigmaMultiplier: 1.15,
    fillGap: 0.01,
  },
  CROWDED: {
    sizeMultiplier: 0.5,
    riskFraction: 0.005,
    leverageCap: 3,
    grossCap: 1.5,
    slippageBase: 0.005,
    slippageStep: 0.005,
    depthHaircut: 0.5,
    sigmaMultiplier: 1.3,
    fillGap: 0.03,
  },
  EXTREME: {
    sizeMultiplier: 0.25,
    riskFraction: 0.0025,
    leverageCap: 2,
    grossCap: 1,
    slippageBase: 0.01,
    slippageStep: 0.01,
    depthHaircut: 0.3,
    sigmaMultiplier: 1.5,
    fillGap: 0.05,
  },
};

/** Lower bound of each state on R (§3.4): NORMAL < 0.25 ≤ ELEVATED < 0.45 ≤ CROWDED < 0.65 ≤ EXTREME. */
export const REGIME_THRESHOLDS: Readonly<Record<RegimeState, number>> = {
  NORMAL: 0,
  ELEVATED: 0.25,
  CROWDED: 0.45,
  EXTREME: 0.65,
};
/** A downgrade needs R below (lower threshold − 0.05) for 8 consecutive hourly observations (one funding interval). */
export const HYSTERESIS_MARGIN = 0.05;
export const HYSTERESIS_DWELL = 8;
export const OBSERVATION_INTERVAL_MS = 3_600_000;

export const regimeRank = (s: RegimeState): number => REGIME_STATES.indexOf(s);

export function regimeLevel(score: number): RegimeState {
  if (score >= REGIME_THRESHOLDS.EXTREME) return 'EXTREME';
  if (score >= REGIME_THRESHOLDS.CROWDED) return 'CROWDED';
  if (score >= REGIME_THRESHOLDS.ELEVATED) return 'ELEVATED';
  return 'NORMAL';
}

// ---- unit conversions (§3.1, E16) ----

/** Funding per 8 h from a rate per `intervalHours` (hourly venues: F8 = 8·F1h). */
export const fundingPer8h = (rate: number, intervalHours: number): number => (rate * 8) / intervalHours;
/** Simple APR of a per-8 h rate: F8 × 3 × 365. */
export const fundingApr = (f8: number): number => f8 * 3 * 365;
/** Annualised dated-futures basis `(F/S − 1)·365/τ`, τ in days. */
export const annualisedBasis = (future: number, spot: number, days: number): number =>
  ((future / spot - 1) * 365) / days;
/** Coin-denominated OI change from USD OI and the price change over the same window. */
export const coinOiChange = (oiUsdBefore: number, oiUsdAfter: number, priceChange: number): number =>
  oiUsdAfter / (1 + priceChange) / oiUsdBefore - 1;

// ---- scores ----

/** Raw readings; null = not available (lowers confidence, never counts as zero). Fractions, not percentages. */
export interface RegimeSignals {
  /** Funding rate per interval, and the venue's interval in hours. */
  readonly fundingRate: number | null;
  readonly fundingIntervalHours: number | null;
  /** Coin-denominated OI change over 24 h and 7 d. */
  readonly oiChange24h: number | null;
  readonly oiChange7d: number | null;
  /** Price change over 7 d (its sign tells long from short build-up). */
  readonly priceChange7d: number | null;
  /** Accounts long ÷ accounts short. */
  readonly longShortRatio: number | null;
  /** Annualised basis (perps: annualised premium). */
  readonly basisAnnual: number | null;
  /** 365-day percentiles (0 … 1) of the estimated leverage ratio and of coin-denominated OI. */
  readonly elrPercentile: number | null;
  readonly oiPercentile: number | null;
  /** Depth within ±1 % of mid ÷ its 30-day median. */
  readonly depthRatio: number | null;
  /** RV7 / RV30. */
  readonly rvRatio: number | null;
}

export const NO_SIGNALS: RegimeSignals = {
  fundingRate: null,
  fundingIntervalHours: null,
  oiChange24h: null,
  oiChange7d: null,
  priceChange7d: null,
  longShortRatio: null,
  basisAnnual: null,
  elrPercentile: null,
  oiPercentile: null,
  depthRatio: null,
  rvRatio: null,
};

export type RegimeSignalId =
  'funding' | 'long_short' | 'basis' | 'oi_divergence' | 'elr' | 'open_interest' | 'depth' | 'volatility';

export interface RegimeSignalScore {
  readonly id: RegimeSignalId;
  readonly axis: 'crowding' | 'fragility';
  /** The reading the sub-score is computed from (null when missing). */
  readonly value: number | null;
  /** Reading at which the sub-score is 0 and at which it saturates (|1|). */
  readonly neutral: number;
  readonly threshold: number;
  /** Sub-score: −1 … 1 (crowding) or 0 … 1 (fragility); null when missing. */
  readonly subScore: number | null;
  readonly weight: number;
  /** weight × subScore, renormalised over the present signals of its axis; 0 when missing. */
  readonly contribution: number;
  /** One sentence the UI can show. */
  readonly explanation: string;
}

const clip = (x: number, a: number, b: number) => (x < a ? a : x > b ? b : x);
const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`;

interface Raw {
  id: RegimeSignalId;
  axis: 'crowding' | 'fragility';
  value: number | null;
  neutral: number;
  threshold: number;
  sub: number | null;
  weight: number;
  text: string;
}

/** Sub-scores of §3.2. */
function rawScores(s: RegimeSignals): Raw[] {
  const f8 =
    s.fundingRate !== null && s.fundingIntervalHours !== null && s.fundingIntervalHours > 0
      ? fundingPer8h(s.fundingRate, s.fundingIntervalHours)
      : null;
  const sF =
    f8 === null ? null : f8 >= 0.0001 ? clip((f8 - 0.0001) / 0.0009, 0, 1) : clip((f8 - 0.0001) / 0.0005, -1, 0);
  const sLS =
    s.longShortRatio !== null && s.longShortRatio > 0 ? clip(Math.log(s.longShortRatio) / Math.log(2.5), -1, 1) : null;
  const sB = s.basisAnnual === null ? null : clip((s.basisAnnual - 0.08) / 0.17, -1, 1);
  const sOId =
    s.oiChange7d === null || s.priceChange7d === null
      ? null
      : s.oiChange7d > 0
        ? Math.sign(s.priceChange7d) * clip(s.oiChange7d / 0.25, 0, 1)
        : 0;
  const sELR = s.elrPercentile === null ? null : clip((s.elrPercentile - 0.5) / 0.45, 0, 1);
  const oiParts: number[] = [];
  if (s.oiChange24h !== null) oiParts.push(s.oiChange24h / 0.1);
  if (s.oiChange7d !== null) oiParts.push(s.oiChange7d / 0.25);
  if (s.oiPercentile !== null) oiParts.push((s.oiPercentile - 0.5) / 0.45);
  const sOI = oiParts.length === 0 ? null : clip(Math.max(...oiParts), 0, 1);
  const sD = s.depthRatio === null ? null : clip((1 - s.depthRatio) / 0.5, 0, 1);
  const sV = s.rvRatio === null ? null : clip((s.rvRatio - 1) / 0.75, 0, 1);
  const oiText = [
    s.oiChange24h === null ? null : `24 h ${pct(s.oiChange24h, 1)}`,
    s.oiChange7d === null ? null : `7 d ${pct(s.oiChange7d, 1)}`,
    s.oiPercentile === null ? null : `365-day percentile ${(s.oiPercentile * 100).toFixed(0)}`,
  ]
    .filter((x) => x !== null)
    .join(', ');
  return [
    {
      id: 'funding',
      axis: 'crowding',
      value: f8,
      neutral: 0.0001,
      threshold: 0.001,
      sub: sF,
      weight: 0.4,
      text:
        f8 === null
          ? 'funding rate not available'
          : `funding ${pct(f8, 4)} per 8 h (${pct(fundingApr(f8), 1)} APR); neutral 0.01 %, extreme 0.10 % (long) or −0.04 % (short)`,
    },
    {
      id: 'long_short',
      axis: 'crowding',
      value: s.longShortRatio,
      neutral: 1,
      threshold: 2.5,
      sub: sLS,
      weight: 0.2,
      text:
        s.longShortRatio === null
          ? 'long/short account ratio not available'
          : `long/short accounts ${s.longShortRatio.toFixed(2)}; neutral 1.0, extreme 2.5 or 0.4`,
    },
    {
      id: 'basis',
      axis: 'crowding',
      value: s.basisAnnual,
      neutral: 0.08,
      threshold: 0.25,
      sub: sB,
      weight: 0.2,
      text:
        s.basisAnnual === null
          ? 'basis not available'
          : `annualised basis ${pct(s.basisAnnual, 1)}; neutral 8 %, extreme 25 %`,
    },
    {
      id: 'oi_divergence',
      axis: 'crowding',
      value: s.oiChange7d,
      neutral: 0,
      threshold: 0.25,
      sub: sOId,
      weight: 0.2,
      text:
        s.oiChange7d === null || s.priceChange7d === null
          ? '7-day OI and price change not available'
          : `7-day coin OI ${pct(s.oiChange7d, 1)} with price ${pct(s.priceChange7d, 1)}: ${s.oiChange7d > 0 ? (s.priceChange7d >= 0 ? 'long build-up' : 'short build-up') : 'no build-up'}`,
    },
    {
      id: 'elr',
      axis: 'fragility',
      value: s.elrPercentile,
      neutral: 0.5,
      threshold: 0.95,
      sub: sELR,
      weight: 0.3,
      text:
        s.elrPercentile === null
          ? 'estimated leverage ratio not available'
          : `estimated leverage ratio at the ${(s.elrPercentile * 100).toFixed(0)}th 365-day percentile; elevated above 80th`,
    },
    {
      id: 'open_interest',
      axis: 'fragility',
      value: s.oiChange24h ?? s.oiChange7d ?? s.oiPercentile,
      neutral: 0,
      threshold: 0.1,
      sub: sOI,
      weight: 0.25,
      text: oiText === '' ? 'open interest not available' : `coin-denominated open interest: ${oiText}`,
    },
    {
      id: 'depth',
      axis: 'fragility',
      value: s.depthRatio,
      neutral: 1,
      threshold: 0.5,
      sub: sD,
      weight: 0.25,
      text:
        s.depthRatio === null
          ? 'order-book depth history not available'
          : `±1 % depth at ${(s.depthRatio * 100).toFixed(0)} % of its 30-day median; extreme at 50 %`,
    },
    {
      id: 'volatility',
      axis: 'fragility',
      value: s.rvRatio,
      neutral: 1,
      threshold: 1.75,
      sub: sV,
      weight: 0.2,
      text:
        s.rvRatio === null
          ? 'realised volatility ratio not available'
          : `RV7/RV30 ${s.rvRatio.toFixed(2)}; elevated at 1.5`,
    },
  ];
}

export interface AxisScore {
  /** Weighted mean of the present sub-scores; null when none is present. */
  readonly value: number | null;
  /** Share of the axis weight that is present (0 … 1). */
  readonly coverage: number;
  readonly signals: readonly RegimeSignalScore[];
}

function axis(raw: readonly Raw[], which: 'crowding' | 'fragility'): AxisScore {
  let wPresent = 0;
  let wAll = 0;
  let sum = 0;
  for (const r of raw) {
    if (r.axis !== which) continue;
    wAll += r.weight;
    if (r.sub !== null) {
      wPresent += r.weight;
      sum += r.weight * r.sub;
    }
  }
  const signals = raw
    .filter((r) => r.axis === which)
    .map((r): RegimeSignalScore => ({
      id: r.id,
      axis: r.axis,
      value: r.value,
      neutral: r.neutral,
      threshold: r.threshold,
      subScore: r.sub,
      weight: r.weight,
      contribution: r.sub === null || wPresent === 0 ? 0 : (r.weight * r.sub) / wPresent,
      explanation: r.text,
    }));
  return { value: wPresent === 0 ? null : sum / wPresent, coverage: wAll === 0 ? 0 : wPresent / wAll, signals };
}

// ---- hysteresis ----

export interface SideMemory {
  readonly state: RegimeState;
  /** Consecutive counted observations below (lower threshold − 0.05). */
  readonly below: number;
}

/** One hysteresis step (§3.4): upgrade at once; downgrade one level after 8 consecutive counted readings below the line. */
export function stepHysteresis(prev: SideMemory | null, score: number, counted: boolean): SideMemory {
  const raw = regimeLevel(score);
  if (prev === null) return { state: raw, below: 0 };
  if (regimeRank(raw) > regimeRank(prev.state)) return { state: raw, below: 0 };
  if (prev.state === 'NORMAL') return { state: 'NORMAL', below: 0 };
  if (score >= REGIME_THRESHOLDS[prev.state] - HYSTERESIS_MARGIN) return { state: prev.state, below: 0 };
  if (!counted) return prev;
  const below = prev.below + 1;
  if (below >= HYSTERESIS_DWELL) return { state: REGIME_STATES[regimeRank(prev.state) - 1] ?? 'NORMAL', below: 0 };
  return { state: prev.state, below };
}

/** Hysteresis state of the previous report, per market: pass it back in to keep the dwell counter. */
export interface RegimeMemory {
  readonly long: SideMemory;
  readonly short: SideMemory;
  /** When the last counted (hourly) observation was taken. */
  readonly observedAt: number;
}

export interface RegimeSideResult {
  /** R_side, 0 … 1; null when no signal at all is present. */
  readonly score: number | null;
  /** The level R falls in now, before hysteresis. */
  readonly level: RegimeState;
  /** The state after hysteresis: the one that scales suggestions. */
  readonly state: RegimeState;
  readonly params: RegimeParams;
}

export interface RegimeResult {
  readonly crowding: AxisScore;
  readonly fragility: AxisScore;
  readonly long: RegimeSideResult;
  readonly short: RegimeSideResult;
  /** Share of all signal weight present (0 … 1): missing signals lower it. */
  readonly confidence: number;
  readonly missing: readonly RegimeSignalId[];
  readonly memory: RegimeMemory;
}

export interface ClassifyRegimeInput {
  readonly signals: RegimeSignals;
  readonly now: number;
  /** The previous result's `memory` for this market, or null on first sight. */
  readonly previous: RegimeMemory | null;
  /** Size multipliers per state (settings.regimeMultipliers); defaults to §3.5. */
  readonly sizeMultipliers?: Readonly<Record<RegimeState, number>>;
}

/**
 * Classifies one market (§3.2–§3.4). Both axes average their present sub-scores only; when an axis is wholly missing
 * the side score rests on the other axis; with no signal at all the score is null and the state is the previous one
 * (NORMAL on first sight) with confidence 0. A new observation counts toward a downgrade only when at least an hour
 * has passed since the last counted one, so refreshing every 30 s does not shorten the 8-hour dwell.
 */
export function classifyRegime(input: ClassifyRegimeInput): RegimeResult {
  const raw = rawScores(input.signals);
  const crowding = axis(raw, 'crowding');
  const fragility = axis(raw, 'fragility');
  const x = crowding.value;
  const phi = fragility.value;
  const side = (sign: 1 | -1): number | null => {
    if (x === null && phi === null) return null;
    if (x === null) return phi;
    const c = Math.max(sign * x, 0);
    if (phi === null) return c;
    return 0.5 * c + 0.5 * phi;
  };
  const rLong = side(1);
  const rShort = side(-1);
  const prev = input.previous;
  const counted = prev === null || input.now - prev.observedAt >= OBSERVATION_INTERVAL_MS;
  const step = (p: SideMemory | null, r: number | null): SideMemory =>
    r === null ? (p ?? { state: 'NORMAL', below: 0 }) : stepHysteresis(p, r, counted);
  const long = step(prev?.long ?? null, rLong);
  const short = step(prev?.short ?? null, rShort);
  const multipliers = input.sizeMultipliers;
  const params = (s: RegimeState): RegimeParams =>
    multipliers === undefined ? REGIME_PARAMS[s] : { ...REGIME_PARAMS[s], sizeMultiplier: multipliers[s] };
  const sideResult = (r: number | null, m: SideMemory): RegimeSideResult => ({
    score: r,
    level: r === null ? m.state : regimeLevel(r),
    state: m.state,
    params: params(m.state),
  });
  return {
    crowding,
    fragility,
    long: sideResult(rLong, long),
    short: sideResult(rShort, short),
    confidence: 0.5 * crowding.coverage + 0.5 * fragility.coverage,
    missing: raw.filter((r) => r.sub === null).map((r) => r.id),
    memory: { long, short, observedAt: prev !== null && !counted ? prev.observedAt : input.now },
  };
}

/** The state for a position's side. */
export const regimeFor = (r: RegimeResult, side: Side): RegimeSideResult => (side === 'long' ? r.long : r.short);
