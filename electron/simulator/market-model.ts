import type { Venue } from '../../shared/domain/venue';
import { fractalNoise, hashString, signedHash, unitHash, volatilityOctaves, type NoiseOctave } from './rng';
import type { AssetSpec, PathPoint, ScenarioSpec } from './scenario-spec';

/**
 * The market side of a scenario as pure functions of time: prices, funding, open interest, long/short ratio,
 * order books, candles and maintenance tiers for every asset, per venue. Deterministic in (scenario, seed, time).
 * Times are epoch ms; the scenario's minute 0 is `startMs`.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface ResolvedAsset extends AssetSpec {
  readonly index: number;
  readonly stream: number;
  /** The asset's own (idiosyncratic) noise; the rest of its daily move is `beta` × BTC's (see `fairPrice`). */
  readonly octaves: readonly NoiseOctave[];
  /** The asset's own noise at minute 0 (fair prices are relative to it): computed once, not on every price. */
  readonly noiseAtZero: number;
}

export interface TierSpec {
  readonly tier: number;
  readonly minNotional: number;
  readonly maxNotional: number;
  readonly mmr: number;
  /** Maintenance amount (Binance cum / Bybit deduction), by the cum recursion of liquidation.md §1. */
  readonly cum: number;
  readonly maxLeverage: number;
}

export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base units. */
  readonly volume: number;
}

/** Small constant price offsets between venues, so the same asset never prints identically everywhere. */
const VENUE_BASIS: Readonly<Record<Venue, number>> = { binance: 0, bybit: 0.0001, okx: -0.0001, hyperliquid: 0.0002 };

const FUNDING_INTERVAL_MS: Readonly<Record<Venue, number>> = {
  binance: 8 * HOUR,
  bybit: 8 * HOUR,
  okx: 8 * HOUR,
  hyperliquid: HOUR,
};

export class MarketModel {
  readonly assets: readonly ResolvedAsset[];
  private readonly byBase: ReadonlyMap<string, ResolvedAsset>;
  private readonly path: readonly PathPoint[];
  private readonly seed: number;
  private readonly barCache = new Map<string, Bar>();
  /**
   * A completed bar's fair-price samples, shared by every venue listing the asset (the venues' bars differ only by
   * their basis and rounding): the demo holds BTC on seven markets, so its candles are sampled once, not seven times.
   */
  private readonly fairSampleCache = new Map<string, readonly number[]>();
  /** BTC, whose own noise every other asset follows with its beta; null in a universe without BTC. */
  private readonly factor: ResolvedAsset | null;

  constructor(
    spec: ScenarioSpec,
    readonly startMs: number,
  ) {
    this.seed = spec.seed;
    this.path = [...spec.path].sort((a, b) => a.minute - b.minute);
    const factorSpec = spec.assets.find((asset) => asset.base === MARKET_FACTOR);
    const factorVol = factorSpec?.dailyVol ?? null;
    const named = spec.assets.map((asset, index) => resolve(asset, index, spec.seed, factorVol));
    const generated = Array.from({ length: spec.generatedAssets }, (_, i) =>
      resolve(generatedAsset(spec.seed, i), named.length + i, spec.seed, factorVol),
    );
    this.assets = [...named, ...generated];
    this.factor = this.assets.find((asset) => asset.base === MARKET_FACTOR) ?? null;
    this.byBase = new Map(this.assets.map((asset) => [asset.base, asset]));
  }

  asset(base: string): ResolvedAsset | undefined {
    return this.byBase.get(base);
  }

  minuteOf(ms: number): number {
    return (ms - this.startMs) / MINUTE;
  }

  /** The market-wide keyframes interpolated linearly at `ms` (clamped at both ends). */
  pathAt(ms: number): PathPoint {
    const minute = this.minuteOf(ms);
    const path = this.path;
    const first = at(path, 0);
    const last = at(path, path.length - 1);
    if (minute <= first.minute) return first;
    if (minute >= last.minute) return last;
    let i = 1;
    while (at(path, i).minute < minute) i++;
    const a = at(path, i - 1);
    const b = at(path, i);
    const w = (minute - a.minute) / (b.minute - a.minute);
    const lerp = (x: number, y: number) => x + (y - x) * w;
    return {
      minute,
      price: lerp(a.price, b.price),
      funding8h: lerp(a.funding8h, b.funding8h),
      openInterest: lerp(a.openInterest, b.openInterest),
      longShort: lerp(a.longShort, b.longShort),
      depth: lerp(a.depth, b.depth),
    };
  }

  /**
   * Fair price: the asset's level × (1 + beta × (path − 1)) × seeded noise, exactly the path value at minute 0. The
   * noise (a log-price) is beta × BTC's noise plus the asset's own, so assets co-move with BTC as real ones do
   * (risk-method.md §5.1: alts' beta to BTC above 1), while each keeps about its `dailyVol`.
   */
  fairPrice(asset: ResolvedAsset, ms: number): number {
    const minute = this.minuteOf(ms);
    const path = this.pathAt(ms);
    const noise = this.logNoise(asset, minute);
    return asset.price * Math.max(0.05, 1 + asset.beta * (path.price - 1)) * Math.exp(noise);
  }

  /** The log-price noise since minute 0: the asset's own plus beta × BTC's. */
  private logNoise(asset: ResolvedAsset, minute: number): number {
    const own = fractalNoise(this.seed, asset.stream, minute, asset.octaves) - asset.noiseAtZero;
    const factor = this.factor;
    if (factor === null || factor === asset) return own;
    return own + asset.beta * (fractalNoise(this.seed, factor.stream, minute, factor.octaves) - factor.noiseAtZero);
  }

  markPrice(asset: ResolvedAsset, venue: Venue, ms: number): number {
    return this.markFromFair(asset, venue, this.fairPrice(asset, ms));
  }

  private markFromFair(asset: ResolvedAsset, venue: Venue, fair: number): number {
    return roundToStep(fair * (1 + VENUE_BASIS[venue]), asset.tickSize);
  }

  indexPrice(asset: ResolvedAsset, ms: number): number {
    const premium = this.fundingRate8h(asset, ms) * 0.3;
    return roundToStep(this.fairPrice(asset, ms) / (1 + premium), asset.tickSize);
  }

  /** Funding per 8 h at `ms`: the path's rate with a small per-asset tilt. */
  fundingRate8h(asset: ResolvedAsset, ms: number): number {
    const tilt = 1 + 0.15 * signedHash(this.seed, asset.stream, 7);
    return round(this.pathAt(ms).funding8h * tilt, 8);
  }

  fundingIntervalMs(venue: Venue): number {
    return FUNDING_INTERVAL_MS[venue];
  }

  /** Rate per the venue's own interval (Hyperliquid charges hourly: an eighth of the 8 h rate). */
  fundingRate(asset: ResolvedAsset, venue: Venue, ms: number): number {
    return round(this.fundingRate8h(asset, ms) * (FUNDING_INTERVAL_MS[venue] / (8 * HOUR)), 8);
  }

  nextFundingTime(venue: Venue, ms: number): number {
    const interval = FUNDING_INTERVAL_MS[venue];
    return (Math.floor(ms / interval) + 1) * interval;
  }

  /** Settled funding rates at the venue's past funding times, oldest first. */
  fundingHistory(asset: ResolvedAsset, venue: Venue, ms: number, count: number): { time: number; rate: number }[] {
    const interval = FUNDING_INTERVAL_MS[venue];
    const last = Math.floor(ms / interval) * interval;
    return Array.from({ length: count }, (_, i) => {
      const time = last - (count - 1 - i) * interval;
      return { time, rate: this.fundingRate(asset, venue, time) };
    });
  }

  /** Open interest in base units: the asset's level × the path factor, with a little per-venue noise. */
  openInterestBase(asset: ResolvedAsset, venue: Venue, ms: number): number {
    const venueShare = { binance: 0.4, bybit: 0.25, okx: 0.2, hyperliquid: 0.15 }[venue];
    const wobble = 1 + 0.004 * fractalNoise(this.seed, asset.stream + 17, this.minuteOf(ms), SLOW_OCTAVES);
    return roundToStep(asset.openInterest * venueShare * this.pathAt(ms).openInterest * wobble, asset.amountStep);
  }

  longShortRatio(asset: ResolvedAsset, ms: number): number {
    const tilt = 1 + 0.05 * signedHash(this.seed, asset.stream, 11);
    return round(this.pathAt(ms).longShort * tilt, 4);
  }

  /** Order book in base units: `levels` per side around the venue's mark, thinning with the path's depth factor. */
  book(
    asset: ResolvedAsset,
    venue: Venue,
    ms: number,
    levels: number,
  ): { bids: [number, number][]; asks: [number, number][] } {
    const mid = this.markPrice(asset, venue, ms);
    const spacing = Math.max(asset.tickSize, roundToStep(mid * 0.00005, asset.tickSize));
    const depth = asset.depth * this.pathAt(ms).depth;
    const bucket = Math.floor(this.minuteOf(ms));
    const venueStream = hashString(venue);
    const size = (side: number, i: number) =>
      Math.max(
        asset.amountStep,
        roundToStep(
          depth * (0.4 + 1.2 * unitHash(this.seed, asset.stream, venueStream, side, i, bucket)) * (1 + i / 40),
          asset.amountStep,
        ),
      );
    const bids: [number, number][] = [];
    const asks: [number, number][] = [];
    for (let i = 0; i < levels; i++) {
      bids.push([roundToStep(mid - spacing * (i + 1), asset.tickSize), size(0, i)]);
      asks.push([roundToStep(mid + spacing * (i + 1), asset.tickSize), size(1, i)]);
    }
    return { bids: bids.filter(([p]) => p > 0), asks };
  }

  /**
   * `count` bars of `intervalMs` ending with the bar that contains `ms` (that one is still forming: its close is
   * the price at `ms`). Completed bars are memoised: they never change once the clock has passed them.
   */
  bars(asset: ResolvedAsset, venue: Venue, intervalMs: number, ms: number, count: number): Bar[] {
    const current = Math.floor(ms / intervalMs) * intervalMs;
    const bars: Bar[] = [];
    for (let i = count - 1; i >= 0; i--) {
      const open = current - i * intervalMs;
      bars.push(
        i === 0 ? this.bar(asset, venue, intervalMs, open, ms) : this.completedBar(asset, venue, intervalMs, open),
      );
    }
    return bars;
  }

  private completedBar(asset: ResolvedAsset, venue: Venue, intervalMs: number, open: number): Bar {
    const key = `${asset.base}|${venue}|${intervalMs}|${open}`;
    const cached = this.barCache.get(key);
    if (cached) return cached;
    if (this.barCache.size > 200_000) this.barCache.clear();
    const fairKey = `${asset.base}|${intervalMs}|${open}`;
    let fair = this.fairSampleCache.get(fairKey);
    if (fair === undefined) {
      if (this.fairSampleCache.size > 200_000) this.fairSampleCache.clear();
      fair = this.fairSamples(asset, open, open + intervalMs);
      this.fairSampleCache.set(fairKey, fair);
    }
    const bar = this.barFrom(asset, venue, intervalMs, open, fair);
    this.barCache.set(key, bar);
    return bar;
  }

  /** The bar still forming at `until`. */
  private bar(asset: ResolvedAsset, venue: Venue, intervalMs: number, open: number, until: number): Bar {
    const end = Math.min(until, open + intervalMs);
    return this.barFrom(asset, venue, intervalMs, open, this.fairSamples(asset, open, end));
  }

  /** Fair prices at 13 evenly spaced instants from `open` to `end` (both included). */
  private fairSamples(asset: ResolvedAsset, open: number, end: number): number[] {
    const fair: number[] = [];
    for (let j = 0; j <= BAR_SAMPLES; j++) fair.push(this.fairPrice(asset, open + ((end - open) * j) / BAR_SAMPLES));
    return fair;
  }

  /** A venue's bar from the fair-price samples: each is that venue's mark price at its instant (`markPrice`). */
  private barFrom(asset: ResolvedAsset, venue: Venue, intervalMs: number, open: number, fair: readonly number[]): Bar {
    const prices = fair.map((price) => this.markFromFair(asset, venue, price));
    const first = at(prices, 0);
    const last = at(prices, prices.length - 1);
    const wick = asset.dailyVol * Math.sqrt(intervalMs / DAY) * 0.25;
    const high = roundToStep(
      Math.max(...prices) * (1 + wick * unitHash(this.seed, asset.stream, open, 1)),
      asset.tickSize,
    );
    const low = roundToStep(
      Math.min(...prices) * (1 - wick * unitHash(this.seed, asset.stream, open, 2)),
      asset.tickSize,
    );
    const activity = 1 + 20 * Math.abs(last / first - 1);
    const volume = roundToStep(
      asset.openInterest * 0.03 * (intervalMs / HOUR) * activity * (0.5 + unitHash(this.seed, asset.stream, open, 3)),
      asset.amountStep,
    );
    return {
      time: open,
      open: first,
      high: Math.max(high, first, last),
      low: Math.min(low, first, last),
      close: last,
      volume,
    };
  }

  /**
   * Maintenance tiers: six notional brackets scaled from the asset's first cap, MMR rising from half the initial
   * margin at max leverage, `cum` by the recursion cum_n = floor_n × (MMR_n − MMR_{n−1}) + cum_{n−1} (liquidation.md §1).
   */
  tiers(asset: ResolvedAsset): TierSpec[] {
    const caps = [1, 5, 20, 60, 200, 1000].map((m) => asset.tierBaseNotional * m);
    const leverages = [1, 0.8, 0.6, 0.4, 0.2, 0.08].map((f) => Math.max(1, Math.floor(asset.maxLeverage * f)));
    const tiers: TierSpec[] = [];
    let previousMmr = 0;
    let cum = 0;
    let floor = 0;
    for (const [i, cap] of caps.entries()) {
      const maxLeverage = at(leverages, i);
      const mmr = round(0.5 / maxLeverage, 6);
      cum = round(floor * (mmr - previousMmr) + cum, 6);
      tiers.push({ tier: i + 1, minNotional: floor, maxNotional: cap, mmr, cum, maxLeverage });
      previousMmr = mmr;
      floor = cap;
    }
    return tiers;
  }

  tierFor(asset: ResolvedAsset, notional: number): TierSpec {
    const tiers = this.tiers(asset);
    return tiers.find((t) => notional < t.maxNotional) ?? at(tiers, tiers.length - 1);
  }
}

/** Price samples per bar after its open (its high and low are the extremes of these, plus a wick). */
const BAR_SAMPLES = 12;

const SLOW_OCTAVES: readonly NoiseOctave[] = [
  { periodMinutes: 60, amplitude: 1 },
  { periodMinutes: 360, amplitude: 1 },
];

/** The asset every other one follows (with its beta) besides the scenario's path. */
const MARKET_FACTOR = 'BTC';

/**
 * The asset's own noise: what is left of its daily variance once beta × BTC's is taken out, and never less than a
 * quarter of its volatility (no asset moves only with BTC). BTC itself, or any asset without BTC in the universe,
 * keeps its whole `dailyVol` as its own noise.
 */
function resolve(asset: AssetSpec, index: number, seed: number, factorVol: number | null): ResolvedAsset {
  const common = factorVol === null || asset.base === MARKET_FACTOR ? 0 : asset.beta * factorVol;
  const ownVol = Math.sqrt(Math.max(asset.dailyVol ** 2 - common ** 2, (0.25 * asset.dailyVol) ** 2));
  const stream = hashString(asset.base);
  const octaves = volatilityOctaves(common === 0 ? asset.dailyVol : ownVol);
  return { ...asset, index, stream, octaves, noiseAtZero: fractalNoise(seed, stream, 0, octaves) };
}

/** A synthetic alt: log-uniform price between $0.05 and $500, steps and depth scaled to its price. */
function generatedAsset(seed: number, i: number): AssetSpec {
  const price = roundSignificant(Math.exp(Math.log(0.05) + unitHash(seed, 991, i) * Math.log(500 / 0.05)), 4);
  const tickSize = 10 ** (Math.floor(Math.log10(price)) - 4);
  const amountStep = 10 ** Math.max(-3, Math.floor(Math.log10(10 / price)));
  return {
    base: `ALT${String(i + 1).padStart(3, '0')}`,
    price,
    dailyVol: 0.05 + 0.04 * unitHash(seed, 992, i),
    beta: 1.2 + 0.4 * unitHash(seed, 993, i),
    tickSize,
    amountStep,
    maxLeverage: 50,
    openInterest: roundToStep(20_000_000 / price, amountStep),
    depth: roundToStep(20_000 / price, amountStep),
    tierBaseNotional: 10_000,
    inverse: false,
  };
}

/** `list[index]`, which the caller knows exists (a programming error otherwise). */
export function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`index ${index} outside a list of ${list.length}`);
  return value;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function roundSignificant(value: number, digits: number): number {
  if (value === 0) return 0;
  return round(value, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value)))));
}

export function stepDecimals(step: number): number {
  if (step >= 1) return 0;
  let decimals = decimalsOfStep.get(step);
  if (decimals === undefined) {
    decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    decimalsOfStep.set(step, decimals);
  }
  return decimals;
}

/** A scenario has a few dozen distinct steps; every price and size printed goes through `stepDecimals`. */
const decimalsOfStep = new Map<number, number>();

/** Rounds to the nearest multiple of `step`, returned with the step's decimals (no 0.30000000000000004). */
export function roundToStep(value: number, step: number): number {
  return round(Math.round(value / step) * step, stepDecimals(step));
}

/** Fixed-point string with the step's decimals, as venues print prices and sizes. */
export function fixed(value: number, step: number): string {
  return value.toFixed(stepDecimals(step));
}
