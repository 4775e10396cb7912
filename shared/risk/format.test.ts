import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flat, floorToStep, fmt, fmtPct, roundToTick, stepDecimals } from './format';

describe('deterministic number formatting', () => {
  it.each([
    [0, 2, '0.00'],
    [1234567.891, 2, '1,234,567.89'],
    [-0.004, 2, '0.00'],
    [-1500, 0, '−1,500'],
    [999.996, 2, '1,000.00'],
    [0.1234567891, 10, '0.1234567891'],
    [0.000123, 6, '0.000123'],
    [1e20, 2, '100,000,000,000,000,000,000.00'],
    [Number.NaN, 2, '–'],
  ])('fmt(%f, %i) = %s', (n, d, s) => expect(fmt(n, d)).toBe(s));

  it('agrees with toFixed for ordinary magnitudes, grouping only the integer part', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (n, d) => {
        const ours = fmt(n, d).replace('−', '');
        const [int = '', frac = ''] = ours.split('.');
        // Grouping: commas every three digits of the integer part, none in the fraction.
        if (!/^\d{1,3}(,\d{3})*$/u.test(int) || frac.includes(',')) return false;
        // Ties can round differently (binary vs decimal); allow one unit in the last place.
        return Math.abs(Number(ours.replaceAll(',', '')) - Number(Math.abs(n).toFixed(d))) <= Math.pow(10, -d) * 1.5;
      }),
      { numRuns: 2_000 },
    );
  });

  it('the fast paths (two decimals, thousands by arithmetic) give the same text as toFixed-digit grouping', () => {
    // Reference: the digits of the rounded scaled integer, grouped by a regular expression (below 9e15 scaled,
    // where fmt uses integer arithmetic).
    const reference = (n: number, d: number): string => {
      const v = Math.round(Math.abs(n) * Math.pow(10, d));
      const digitsText = String(v).padStart(d + 1, '0');
      const int = digitsText.slice(0, digitsText.length - d);
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
      const body = d === 0 ? grouped : `${grouped}.${digitsText.slice(digitsText.length - d)}`;
      return n < 0 && v !== 0 ? `−${body}` : body;
    };
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: -1e11, max: 1e11, noNaN: true }), fc.integer({ min: -2e9, max: 2e9 })),
        fc.constantFrom(0, 1, 2, 4),
        (n, d) => fmt(n, d) === reference(n, d),
      ),
      { numRuns: 5_000 },
    );
    expect(fmt(1_000_000.005, 2)).toBe(reference(1_000_000.005, 2));
    expect(fmt(999_999.999, 2)).toBe('1,000,000.00');
  });

  it('percentages, steps and ticks', () => {
    expect(fmtPct(0.12345)).toBe('12.35 %');
    expect(stepDecimals(0.001)).toBe(3);
    expect(floorToStep(0.07302149, 0.001)).toBe(0.073);
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(roundToTick(92_510.04, 0.1, 'up')).toBe(92_510.1);
    expect(roundToTick(92_510.04, 0.1, 'down')).toBe(92_510);
  });
});

describe('flat', () => {
  it('returns the same text (only its representation in memory changes)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer(), (a, b, n) => {
        const s = `${a}: ${fmt(n, 2)} ${b}`;
        expect(flat(s)).toBe(s);
      }),
    );
    expect(flat('')).toBe('');
  });
});
