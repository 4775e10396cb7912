/**
 * Deterministic number formatting for sentences the UI shows (no locale: the same input must give the same bytes).
 */
const POW10 = Array.from({ length: 13 }, (_, i) => Math.pow(10, i));
const ZEROS = Array.from({ length: 13 }, (_, i) => '0'.repeat(i));

function group(int: string): string {
  if (int.length <= 3) return int;
  let out = '';
  const head = int.length % 3;
  if (head > 0) out = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) out += (out === '' ? '' : ',') + int.slice(i, i + 3);
  return out;
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  const scale = POW10[digits];
  if (scale === undefined || a * scale >= 9e15) {
    const fixed = a.toFixed(digits);
    const dot = fixed.indexOf('.');
    const body = dot < 0 ? group(fixed) : group(fixed.slice(0, dot)) + fixed.slice(dot);
    return n < 0 && Number(fixed) !== 0 ? `−${body}` : body;
  }
  // Integer arithmetic instead of toFixed (which dominates report building); ties round half up.
  const v = Math.round(a * scale);
  const int = Math.floor(v / scale);
  const intText = int < 1000 ? String(int) : groupInt(int);
  let body = intText;
  if (digits === 2) {
    body = `${intText}.${TWO_DIGITS[v - int * 100] ?? ''}`;
  } else if (digits > 0) {
    const frac = String(v - int * scale);
    body = `${intText}.${frac.length < digits ? (ZEROS[digits - frac.length] ?? '') : ''}${frac}`;
  }
  return n < 0 && v !== 0 ? `−${body}` : body;
}

/** "00" … "99" and "000" … "999": the two-decimal fraction and the thousands groups without String() and padding. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `group(String(int))` for a non-negative integer below 2^53, by thousands arithmetic. */
function groupInt(int: number): string {
  let out = '';
  let rest = int;
  while (rest >= 1000) {
    const q = Math.floor(rest / 1000);
    out = `,${THREE_DIGITS[rest - q * 1000] ?? ''}${out}`;
    rest = q;
  }
  return `${String(rest)}${out}`;
}

/**
 * The same text as one flat string. A sentence built by concatenation is held by V8 as a tree of its pieces (a node
 * per `+`, plus every formatted number), about twice the bytes of the flat text; a risk report keeps thousands of
 * sentences, so it flattens each once (reading a character flattens a string in place). Returns `text` itself.
 */
export function flat(text: string): string {
  // The character read is stored, so an optimising compiler cannot drop it.
  if (text.length > 0) READ.last = text.charCodeAt(0);
  return text;
}
const READ = { last: 0 };

/** A fraction as a percentage: 0.0123 → "1.23 %". */
export const fmtPct = (fraction: number, digits = 2): string => `${fmt(fraction * 100, digits)} %`;

/** Significant digits suited to a price of this size. */
export const priceDigits = (p: number): number => (p >= 1000 ? 2 : p >= 1 ? 4 : 8);
export const fmtPrice = (p: number): string => fmt(p, priceDigits(p));

/** Decimals of a step such as 0.001 → 3. */
const STEP_DECIMALS = new Map<number, number>();

export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  let d = STEP_DECIMALS.get(step);
  if (d === undefined) {
    d = Math.min(12, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
    if (STEP_DECIMALS.size < 256) STEP_DECIMALS.set(step, d);
  }
  return d;
}

/** Removes binary noise from a multiple of `step` (k·0.1 → the double nearest the decimal), without toFixed. */
function snap(x: number, step: number): number {
  const scale = POW10[stepDecimals(step)];
  if (scale === undefined || Math.abs(x) * scale > 9e15) return Number(x.toFixed(stepDecimals(step)));
  return Math.round(x * scale) / scale;
}

/** Floors `x` to a multiple of `step` (amounts: never round a size up). */
export function floorToStep(x: number, step: number): number {
  if (!(step > 0)) return x;
  const k = Math.floor(x / step + 1e-9);
  return snap(k * step, step);
}

/** Rounds a price to the tick, up or down. */
export function roundToTick(x: number, tick: number, direction: 'up' | 'down'): number {
  if (!(tick > 0)) return x;
  const k = direction === 'up' ? Math.ceil(x / tick - 1e-9) : Math.floor(x / tick + 1e-9);
  return snap(k * tick, tick);
}
