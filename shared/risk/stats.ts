import type { CandleSeries } from '../domain/market';

/**
 * Statistics over candles and the normal distribution (risk-method.md §1.2). Candle series are columns, oldest first.
 * Every function
 * returns null rather than a meaningless number when the data cannot support it.
 */

export const DAYS_PER_YEAR = 365;
export const HOURS_PER_YEAR = 8_760;
/** RiskMetrics λ for daily returns (risk-method.md §1.2, [S26]). */
export const EWMA_LAMBDA_DAILY = 0.94;

/**
 * Standard normal CDF, Hart (1968) double-precision rational approximation as given by G. West, "Better
 * approximations to cumulative normal functions" (2005): relative error below 1e-8 across the range, including tails.
 */
export function normalCdf(x: number): number {
  const a = Math.abs(x);
  let c: number;
  if (a > 37) {
    c = 0;
  } else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let b = 3.52624965998911e-2 * a + 0.700383064443688;
      b = b * a + 6.37396220353165;
      b = b * a + 33.912866078383;
      b = b * a + 112.079291497871;
      b = b * a + 221.213596169931;
      b = b * a + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * a + 1.75566716318264;
      b = b * a + 16.064177579207;
      b = b * a + 86.7807322029461;
      b = b * a + 296.564248779674;
      b = b * a + 637.333633378831;
      b = b * a + 793.826512519948;
      b = b * a + 440.413735824752;
      c = c / b;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Log close-to-close returns `ln(C_t/C_{t−1})`; `prevClose` (optional) prices the first bar's return. */
export function logReturns(candles: CandleSeries, prevClose: number | null = null): number[] {
  // Sized once (a list grown by push is copied as it grows, and a report takes the returns of every market).
  const out = new Array<number>(candles.close.length);
  let n = 0;
  let prev = prevClose;
  for (const close of candles.close) {
    if (prev !== null && prev > 0) out[n++] = Math.log(close / prev);
    prev = close;
  }
  out.length = n;
  return out;
}

/** Zero-mean close-to-close variance `Σ r²/n` (preferred for short windows). Null for no returns. */
export function zeroMeanVariance(returns: readonly number[], from = 0): number | null {
  const n = returns.length - from;
  if (n <= 0) return null;
  let s = 0;
  for (let i = from; i < returns.length; i++) {
    const r = returns[i] ?? 0;
    s += r * r;
  }
  return s / n;
}

/** Sample close-to-close variance `Σ (r − r̄)²/(n − 1)`. */
export function sampleVariance(returns: readonly number[]): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let m = 0;
  for (const r of returns) m += r;
  m /= n;
  let s = 0;
  for (const r of returns) s += (r - m) * (r - m);
  return s / (n - 1);
}

/**
 * EWMA (RiskMetrics) variance `σ²_t = λ·σ²_{t−1} + (1−λ)·r_t²`, seeded with the zero-mean variance of the first
 * min(n, 30) returns (the seed is not fixed by the method; this one is unbiased for a stationary series).
 */
export function ewmaVariance(returns: readonly number[], lambda = EWMA_LAMBDA_DAILY): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let seed = 0;
  const k = Math.min(n, 30);
  for (let i = 0; i < k; i++) {
    const r = returns[i] ?? 0;
    seed += r * r;
  }
  let v = seed / k;
  for (let i = 0; i < n; i++) {
    const r = returns[i] ?? 0;
    v = lambda * v + (1 - lambda) * r * r;
  }
  return v;
}

/** Parkinson per-bar variance `Σ (ln(H/L))² / (4·n·ln 2)` over the last `window` bars. */
export function parkinsonVariance(candles: CandleSeries, window = candles.time.length): number | null {
  const { high, low } = candles;
  const len = candles.time.length;
  const from = Math.max(0, len - window);
  const n = len - from;
  if (n <= 0) return null;
  let s = 0;
  for (let i = from; i < len; i++) {
    const hl = Math.log((high[i] as number) / (low[i] as number));
    s += hl * hl;
  }
  return s / (4 * n * Math.LN2);
}

/** Garman–Klass per-bar variance `(1/n)·Σ [0.5·(ln H/L)² − (2 ln 2 − 1)·(ln C/O)²]`, a negative mean clamped to 0. */
export function garmanKlassVariance(candles: CandleSeries, window = candles.time.length): number | null {
  const { open, high, low, close } = candles;
  const len = candles.time.length;
  const from = Math.max(0, len - window);
  const n = len - from;
  if (n <= 0) return null;
  const k = 2 * Math.LN2 - 1;
  let s = 0;
  for (let i = from; i < len; i++) {
    const hl = Math.log((high[i] as number) / (low[i] as number));
    const co = Math.log((close[i] as number) / (open[i] as number));
    s += 0.5 * hl * hl - k * co * co;
  }
  return Math.max(0, s / n);
}

/** True ranges; the first bar uses `prevClose` when given, else its own high − low. */
export function trueRanges(candles: CandleSeries, prevClose: number | null = null): number[] {
  const { high, low, close } = candles;
  const out: number[] = [];
  let prev = prevClose;
  for (let i = 0; i < candles.time.length; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    out.push(prev === null ? h - l : Math.max(h - l, Math.abs(h - prev), Math.abs(l - prev)));
    prev = close[i] as number;
  }
  return out;
}

/**
 * Wilder ATR(n): seeded with the simple mean of the first n true ranges, then `ATR_t = ((n−1)·ATR_{t−1} + TR_t)/n`.
 * Null with fewer than n bars.
 */
export function atrWilder(candles: CandleSeries, n = 14, prevClose: number | null = null): number | null {
  const { high, low, close } = candles;
  const len = candles.time.length;
  if (len < n || n < 1) return null;
  // The true ranges of `trueRanges`, one at a time (no array).
  let atr = 0;
  let prev = prevClose;
  for (let i = 0; i < len; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const tr = prev === null ? h - l : Math.max(h - l, Math.abs(h - prev), Math.abs(l - prev));
    prev = close[i] as number;
    if (i < n) {
      atr += tr;
      if (i === n - 1) atr /= n;
    } else atr = ((n - 1) * atr + tr) / n;
  }
  return atr;
}

export const annualise = (perBarVariance: number, barsPerYear: number): number =>
  Math.sqrt(perBarVariance * barsPerYear);

/** Which bars a volatility figure was computed from. */
export type Timeframe = '1d' | '1h';

export interface VolatilityStats {
  readonly timeframe: Timeframe;
  readonly bars: number;
  /** EWMA σ, annualised (√365 days / √8,760 hours): the base σ of distances and touch probabilities. */
  readonly ewmaAnnual: number;
  /** Garman–Klass σ over the last 30 days, annualised. */
  readonly garmanKlassAnnual: number | null;
  /** Zero-mean realised σ over 7 and 30 days, annualised (for the regime's RV7/RV30). */
  readonly rv7Annual: number | null;
  readonly rv30Annual: number | null;
  /** Wilder ATR(14) in price units, on `timeframe` bars. */
  readonly atr14: number | null;
  readonly lastClose: number;
}

/**
 * Volatility of one market from its candles: daily bars when there are at least 15, else hourly bars (at least 48),
 * else null. On hourly bars λ is scaled to keep the daily half-life: λ_h = 0.94^(1/24).
 */
export function volatilityStats(daily: CandleSeries, hourly: CandleSeries): VolatilityStats | null {
  const useDaily = daily.time.length >= 15;
  const candles = useDaily ? daily : hourly;
  if (!useDaily && hourly.time.length < 48) return null;
  const barsPerDay = useDaily ? 1 : 24;
  const barsPerYear = useDaily ? DAYS_PER_YEAR : HOURS_PER_YEAR;
  const returns = logReturns(candles);
  const ewma = ewmaVariance(returns, useDaily ? EWMA_LAMBDA_DAILY : Math.pow(EWMA_LAMBDA_DAILY, 1 / 24));
  const last = candles.close[candles.close.length - 1];
  if (ewma === null || last === undefined) return null;
  const gk = garmanKlassVariance(candles, 30 * barsPerDay);
  const rv7 = returns.length >= 7 * barsPerDay ? zeroMeanVariance(returns, returns.length - 7 * barsPerDay) : null;
  const rv30 = returns.length >= 30 * barsPerDay ? zeroMeanVariance(returns, returns.length - 30 * barsPerDay) : null;
  return {
    timeframe: useDaily ? '1d' : '1h',
    bars: candles.time.length,
    ewmaAnnual: annualise(ewma, barsPerYear),
    garmanKlassAnnual: gk === null ? null : annualise(gk, barsPerYear),
    rv7Annual: rv7 === null ? null : annualise(rv7, barsPerYear),
    rv30Annual: rv30 === null ? null : annualise(rv30, barsPerYear),
    atr14: atrWilder(candles, 14),
    lastClose: last,
  };
}

/**
 * Beta of an asset to BTC from daily log returns on matching bar times (both oldest first):
 * `β = cov(r_asset, r_btc) / var(r_btc)`. Null with fewer than 20 common returns or a flat BTC series.
 */
export function estimateBeta(asset: CandleSeries, btc: CandleSeries, minReturns = 20): number | null {
  const aTime = asset.time;
  const bTime = btc.time;
  const aClose = asset.close;
  const bClose = btc.close;
  let i = 0;
  let j = 0;
  let prevA = 0;
  let prevB = 0;
  let havePrev = false;
  let n = 0;
  let sa = 0;
  let sb = 0;
  let sab = 0;
  let sbb = 0;
  while (i < aTime.length && j < bTime.length) {
    const at = aTime[i] as number;
    const bt = bTime[j] as number;
    if (at < bt) {
      i++;
      havePrev = false;
    } else if (at > bt) {
      j++;
      havePrev = false;
    } else {
      const a = aClose[i] as number;
      const b = bClose[j] as number;
      if (havePrev) {
        const ra = Math.log(a / prevA);
        const rb = Math.log(b / prevB);
        n++;
        sa += ra;
        sb += rb;
        sab += ra * rb;
        sbb += rb * rb;
      }
      prevA = a;
      prevB = b;
      havePrev = true;
      i++;
      j++;
    }
  }
  if (n < minReturns) return null;
  const varB = sbb / n - (sb / n) * (sb / n);
  if (!(varB > 0)) return null;
  const beta = (sab / n - (sa / n) * (sb / n)) / varB;
  return Number.isFinite(beta) ? beta : null;
}
