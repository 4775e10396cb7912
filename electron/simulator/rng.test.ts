import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signedHash, valueNoise } from './rng';

describe('valueNoise', () => {
  it('is the cosine blend of signedHash at the two knots around x (its allocation-free hash gives the same values)', () => {
    // The definition: knots k = ⌊x⌋ and k + 1 carry signedHash(seed, stream, knot); w = (1 − cos(π·frac)) / 2.
    const reference = (seed: number, stream: number, x: number) => {
      const k = Math.floor(x);
      const w = (1 - Math.cos((x - k) * Math.PI)) / 2;
      return signedHash(seed, stream, k) * (1 - w) + signedHash(seed, stream, k + 1) * w;
    };
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        (seed, stream, x) => {
          expect(valueNoise(seed, stream, x)).toBe(reference(seed, stream, x));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
