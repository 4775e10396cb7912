import type { Side } from '../domain/venue';
import { normalCdf } from './stats';

/**
 * Probability that the mark price touches a barrier within a horizon (risk-method.md §2.2, reflection principle):
 * driftless in log-price, `P_hit = 2·N(−d)`, `d = |ln(P/B)|/(σ·√T)`; with drift ν,
 * `P_hit = N((x − νT)/(σ√T)) + exp(2νx/σ²)·N((x + νT)/(σ√T))` for a barrier below (x = ln(B/P) < 0), mirrored above.
 * Continuous monitoring (liquidation watches the mark constantly). A barrier already crossed has probability 1.
 */
export function touchProbability(
  side: Side,
  price: number,
  barrier: number,
  sigmaAnnual: number,
  horizonDays: number,
  drift = 0,
): number {
  const crossed = side === 'long' ? price <= barrier : price >= barrier;
  if (crossed) return 1;
  if (!(sigmaAnnual > 0) || !(horizonDays > 0)) return 0;
  const t = horizonDays / 365;
  const s = sigmaAnnual * Math.sqrt(t);
  const x = Math.log(barrier / price);
  if (drift === 0) return Math.min(1, 2 * normalCdf(-Math.abs(x) / s));
  const nt = drift * t;
  const mirror = Math.exp((2 * drift * x) / (sigmaAnnual * sigmaAnnual));
  const p =
    x < 0
      ? normalCdf((x - nt) / s) + mirror * normalCdf((x + nt) / s)
      : normalCdf((-x + nt) / s) + mirror * normalCdf((-x - nt) / s);
  return Math.min(1, Math.max(0, p));
}

/** Jump overlay (risk-method.md §2.3 c): jumps at λ per year, exponential log-size with mean η; x = |ln(P/LP)|. */
export function jumpProbability(x: number, lambdaPerYear: number, eta: number, horizonDays: number): number {
  if (!(lambdaPerYear > 0) || !(eta > 0) || !(horizonDays > 0)) return 0;
  const q = Math.exp(-Math.abs(x) / eta);
  return 1 - Math.exp(-lambdaPerYear * (horizonDays / 365) * q);
}

/** Independent combination `1 − (1 − a)·(1 − b)`. */
export const eitherOf = (a: number, b: number): number => 1 - (1 - a) * (1 - b);

export interface JumpParams {
  readonly lambdaPerYear: number;
  readonly eta: number;
}

/** Placeholders until calibrated (risk-method.md §2.3 c, §8): BTC λ = 6/yr, η = 5 %; large-cap alts λ = 10/yr, η = 8 %. */
export const DEFAULT_JUMPS: { readonly btc: JumpParams; readonly alt: JumpParams } = {
  btc: { lambdaPerYear: 6, eta: 0.05 },
  alt: { lambdaPerYear: 10, eta: 0.08 },
};

/**
 * (b) empirical tail scaling: `k_tail = q_emp(1 %) / (z_0.01·σ_d)` (risk-method.md §2.3 b). The doc prints z_0.01 as
 * −2.326; its E15 figure (1.16343) needs the exact quantile −2.3263479.
 */
export const tailScale = (empiricalQuantile1pct: number, sigmaDaily: number): number =>
  empiricalQuantile1pct / (-2.3263478740408408 * sigmaDaily);

export interface TouchInput {
  readonly side: Side;
  readonly price: number;
  readonly liquidation: number;
  /** Base σ (EWMA), annualised. */
  readonly sigmaAnnual: number;
  /** (a) stressed σ: `max(σ_EWMA, σ_GK, DVOL/100) × k_regime`, or null to disable. */
  readonly stressedSigmaAnnual: number | null;
  /** (c) jump overlay parameters, or null to disable. */
  readonly jump: JumpParams | null;
  readonly horizonDays: number;
}

export interface TouchProbabilities {
  /** Driftless Gaussian barrier probability on the base σ. */
  readonly gaussian: number;
  /** (a) on the stressed σ. */
  readonly stressedSigma: number | null;
  /** (c) Gaussian combined with the jump overlay. */
  readonly jumpOverlay: number | null;
  /** `P_fat`: the maximum of the enabled figures (risk-method.md §2.3; defaults (a) and (c)). */
  readonly fat: number;
}

export function touchProbabilities(input: TouchInput): TouchProbabilities {
  return touchProbabilitiesInto(input, { gaussian: 0, stressedSigma: null, jumpOverlay: null, fat: 0 });
}

/** `touchProbabilities` written into `out` (a caller's scratch object: a report makes two per position). */
export function touchProbabilitiesInto(
  input: TouchInput,
  out: { -readonly [K in keyof TouchProbabilities]: TouchProbabilities[K] },
): TouchProbabilities {
  const { side, price, liquidation, horizonDays } = input;
  const gaussian = touchProbability(side, price, liquidation, input.sigmaAnnual, horizonDays);
  const stressedSigma =
    input.stressedSigmaAnnual === null
      ? null
      : touchProbability(side, price, liquidation, input.stressedSigmaAnnual, horizonDays);
  const jumpOverlay =
    input.jump === null
      ? null
      : gaussian >= 1
        ? 1
        : eitherOf(
            gaussian,
            jumpProbability(Math.log(price / liquidation), input.jump.lambdaPerYear, input.jump.eta, horizonDays),
          );
  out.gaussian = gaussian;
  out.stressedSigma = stressedSigma;
  out.jumpOverlay = jumpOverlay;
  out.fat = Math.max(gaussian, stressedSigma ?? 0, jumpOverlay ?? 0);
  return out;
}
