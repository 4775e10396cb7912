/**
 * Deterministic number formatting for sentences the UI shows (no locale: the same input must give the same bytes).
 */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '–';
  const fixed = Math.abs(n).toFixed(digits);
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  const frac = dot < 0 ? '' : fixed.slice(dot);
  let grouped = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += ',';
    grouped += int[i] ?? '';
  }
  return (n < 0 && Number(fixed) !== 0 ? '−' : '') + grouped + frac;
}

/** A fraction as a percentage: 0.0123 → "1.23 %". */
export const fmtPct = (fraction: number, digits = 2): string => `${fmt(fraction * 100, digits)} %`;

/** Significant digits suited to a price of this size. */
export const priceDigits = (p: number): number => (p >= 1000 ? 2 : p >= 1 ? 4 : 8);
export const fmtPrice = (p: number): string => fmt(p, priceDigits(p));

/** Decimals of a step such as 0.001 → 3. */
export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  const d = Math.ceil(-Math.log10(step) - 1e-9);
  return Math.min(12, Math.max(0, d));
}

/** Floors `x` to a multiple of `step` (amounts: never round a size up). */
export function floorToStep(x: number, step: number): number {
  if (!(step > 0)) return x;
  const k = Math.floor(x / step + 1e-9);
  return Number((k * step).toFixed(stepDecimals(step)));
}

/** Rounds a price to the tick, up or down. */
export function roundToTick(x: number, tick: number, direction: 'up' | 'down'): number {
  if (!(tick > 0)) return x;
  const k = direction === 'up' ? Math.ceil(x / tick - 1e-9) : Math.floor(x / tick + 1e-9);
  return Number((k * tick).toFixed(stepDecimals(tick)));
}
