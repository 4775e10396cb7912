/**
 * Deterministic pseudo-randomness for the simulator: every value is a pure function of (seed, stream, index), so
 * the same scenario, seed and clock always produce byte-identical responses (screenshots and support are
 * reproducible, exchanges-offline.md §8.2). Nothing here reads a clock or Math.random.
 */

/** 32-bit integer hash of a list of integers (a murmur3-style finaliser over each input). */
export function hashInts(...values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) h = mixIn(h, value);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in [0, 1). */
export const unitHash = (...values: readonly number[]): number => hashInts(...values) / 4294967296;

/** Uniform in [-1, 1). */
export const signedHash = (...values: readonly number[]): number => unitHash(...values) * 2 - 1;

/** A stable integer for a string (asset names, venues), to use as a stream id. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Smooth value noise in [-1, 1]: random values at integer knots, cosine-interpolated between them. */
export function valueNoise(seed: number, stream: number, x: number): number {
  const k = Math.floor(x);
  const f = x - k;
  const a = signedHash3(seed, stream, k);
  const b = signedHash3(seed, stream, k + 1);
  const w = (1 - Math.cos(f * Math.PI)) / 2;
  return a * (1 - w) + b * w;
}

/**
 * `signedHash(a, b, c)` without the argument lists: the same operations in the same order, so the same value. The
 * simulator's prices call it millions of times while the demo opens (candles), where the lists' allocation shows.
 */
function signedHash3(a: number, b: number, c: number): number {
  let h = mixIn(0x9e3779b9, a);
  h = mixIn(h, b);
  h = mixIn(h, c);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (((h ^ (h >>> 16)) >>> 0) / 4294967296) * 2 - 1;
}

/** One input of `hashInts`'s loop. */
function mixIn(h: number, value: number): number {
  let k = Math.trunc(value) | 0;
  k = Math.imul(k ^ (k >>> 16), 0x85ebca6b);
  k = Math.imul(k ^ (k >>> 13), 0xc2b2ae35);
  k ^= k >>> 16;
  const mixed = Math.imul(h ^ k, 0x27d4eb2f);
  return mixed ^ (mixed >>> 15);
}

/** One layer of fractal noise: knots every `periodMinutes`, scaled by `amplitude`. */
export interface NoiseOctave {
  readonly periodMinutes: number;
  readonly amplitude: number;
}

/** Sum of value-noise octaves at time `minute` (minutes since scenario start; may be negative). */
export function fractalNoise(seed: number, stream: number, minute: number, octaves: readonly NoiseOctave[]): number {
  let sum = 0;
  for (let index = 0; index < octaves.length; index++) {
    const octave = octaves[index] as NoiseOctave;
    sum += octave.amplitude * valueNoise(seed, stream * 31 + index, minute / octave.periodMinutes);
  }
  return sum;
}

/** Octaves whose combined standard deviation over a day is roughly `dailyVol` (a random-walk-like spectrum). */
export function volatilityOctaves(dailyVol: number): NoiseOctave[] {
  const periods = [1, 5, 30, 120, 480, 1440, 5760];
  // Each octave's amplitude scales with √period, like a random walk's displacement over that horizon.
  return periods.map((periodMinutes) => ({
    periodMinutes,
    amplitude: 0.55 * dailyVol * Math.sqrt(periodMinutes / 1440),
  }));
}
