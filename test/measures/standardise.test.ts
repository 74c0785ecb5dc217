// Utility standardisation u = c(u) + m(u)·ũ: SCIENCE.md §2 (Sourbut, Hammond, Wood, IJCAI 2024,
// §4.1): u and a·u + b (a > 0) must map to the same standardised point.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nonConstant, standardisations, value } from '../support/utilities.ts';
import {
  EPIC_STANDARDISATION,
  RANGE_STANDARDISATION,
  maxStandardisedGap,
  maxOf,
  minOf,
  pNorm,
  standardise,
} from '../../src/measures/standardise.ts';

describe('standardise', () => {
  it('is unchanged by u ↦ a·u + b, a > 0, for every shift and norm (m scales by a, c maps affinely)', () => {
    fc.assert(
      fc.property(nonConstant, fc.double({ min: 0.1, max: 10, noNaN: true }), value, standardisations, (u, a, b, opts) => {
        const s = standardise(u, opts);
        const t = standardise(
          u.map((x) => a * x + b),
          opts,
        );
        t.direction.forEach((x, k) => expect(x).toBeCloseTo(s.direction[k], 9));
        expect(t.magnitude / s.magnitude).toBeCloseTo(a, 9);
        expect(t.shift).toBeCloseTo(a * s.shift + b, 7);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a unit-norm, shift-free direction that reconstructs u', () => {
    fc.assert(
      fc.property(nonConstant, standardisations, (u, opts) => {
        const s = standardise(u, opts);
        expect(pNorm(s.direction, opts.norm ?? 2)).toBeCloseTo(1, 12);
        s.direction.forEach((x, k) => expect(s.shift + s.magnitude * x).toBeCloseTo(u[k], 9));
        const reshift = standardise(s.direction, opts).shift;
        expect(reshift).toBeCloseTo(0, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('stag hunt utility 2, 1, 1, 10: mean 3.5 and 2-norm √57; midrange 5.5 and half-range 4.5', () => {
    const epic = standardise([2, 1, 1, 10], EPIC_STANDARDISATION);
    expect(epic.shift).toBe(3.5);
    expect(epic.magnitude).toBeCloseTo(Math.sqrt(57), 12);
    expect(epic.direction[3]).toBeCloseTo(6.5 / Math.sqrt(57), 12);
    const range = standardise([2, 1, 1, 10], RANGE_STANDARDISATION);
    expect(range.shift).toBe(5.5);
    expect(range.magnitude).toBe(4.5);
    expect(range.direction).toEqual([-3.5 / 4.5, -1, -1, 1]);
  });

  it('weights ν move the mean shift: ν = (3, 1) on (0, 4) gives c = 1', () => {
    const s = standardise([0, 4], { weights: [3, 1] });
    expect(s.shift).toBe(1);
    expect(s.magnitude).toBeCloseTo(Math.sqrt(1 + 9), 12);
  });

  it('a constant utility is degenerate: m = 0, ũ = 0, never NaN (even when the mean rounds)', () => {
    for (const u of [[0.1, 0.1, 0.1], [7], [-3, -3]]) {
      for (const opts of [EPIC_STANDARDISATION, RANGE_STANDARDISATION, { norm: 1 }]) {
        const s = standardise(u, opts);
        expect(s.magnitude).toBe(0);
        expect(s.direction.every((x) => x === 0)).toBe(true);
        expect(Number.isNaN(s.shift)).toBe(false);
      }
    }
  });

  it('never underflows: subnormal differences still give a unit direction', () => {
    for (const norm of [1, 2, 3, Infinity]) {
      const s = standardise([0, -5e-324, -0.001], { norm });
      expect(s.magnitude).toBeGreaterThan(0);
      expect(pNorm(s.direction, norm)).toBeCloseTo(1, 12);
      expect(standardise([0, 5e-324], { norm }).direction.every(Number.isFinite)).toBe(true);
    }
  });

  it('K_m = 2^(1−1/p) bounds every standardised gap and is attained', () => {
    expect(maxStandardisedGap(2)).toBeCloseTo(Math.SQRT2, 15);
    expect(maxStandardisedGap(Infinity)).toBe(2);
    expect(maxStandardisedGap(1)).toBe(1);
    fc.assert(
      fc.property(nonConstant, standardisations, (u, opts) => {
        const d = standardise(u, opts).direction;
        expect(maxOf(d) - minOf(d)).toBeLessThanOrEqual(maxStandardisedGap(opts.norm ?? 2) + 1e-12);
      }),
    );
    for (const p of [1, 2, 3, Infinity]) {
      const d = standardise([1, -1, 0, 0], { norm: p }).direction;
      expect(maxOf(d) - minOf(d)).toBeCloseTo(maxStandardisedGap(p), 12);
    }
  });

  it('rejects empty utilities, p < 1 and bad weights', () => {
    expect(() => standardise([])).toThrow(/at least one outcome/);
    expect(() => standardise([1, 2], { norm: 0.5 })).toThrow(/p >= 1/);
    expect(() => standardise([1, 2], { weights: [1] })).toThrow(/weights/);
    expect(() => standardise([1, 2], { weights: [0, 0] })).toThrow(/weights/);
  });
});
