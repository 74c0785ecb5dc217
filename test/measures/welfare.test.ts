// Power-mean social welfare W_q: SCIENCE.md §4 (Berdoz & Wattenhofer, arXiv 2412.00033, social
// welfare functions from the informational basis: anonymity, weak Pareto, ratio-scale invariance).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EGALITARIAN, NASH, UTILITARIAN, powerMean } from '../../src/measures/welfare.ts';

const utility = fc.double({ min: 0.01, max: 100, noNaN: true });
const profile = fc.array(utility, { minLength: 1, maxLength: 12 });
const exponent = fc.oneof(fc.double({ min: -20, max: 5, noNaN: true }), fc.constantFrom(0, 1, -1, -Infinity));
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('powerMean W_q', () => {
  it('named members: utilitarian mean, Nash geometric mean, egalitarian minimum, harmonic', () => {
    const u = [1, 4, 16];
    expect(powerMean(u, UTILITARIAN)).toBeCloseTo(7, 12);
    expect(powerMean(u, NASH)).toBeCloseTo(4, 12);
    expect(powerMean(u, EGALITARIAN)).toBe(1);
    expect(powerMean(u, -1)).toBeCloseTo(3 / (1 + 1 / 4 + 1 / 16), 12);
    expect(powerMean(u, Infinity)).toBe(16);
  });

  it('is symmetric (anonymity)', () => {
    fc.assert(fc.property(profile, exponent, fc.nat(), (u, q, seed) => {
      const shuffled = [...u].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
      expect(close(powerMean(shuffled, q), powerMean(u, q))).toBe(true);
    }));
  });

  it('is monotone (weak Pareto): raising one utility never lowers welfare, and raises it for finite q', () => {
    fc.assert(fc.property(profile, exponent, fc.nat(), fc.double({ min: 0.01, max: 10, noNaN: true }), (u, q, i, bump) => {
      const j = i % u.length;
      const v = u.map((x, k) => (k === j ? x + bump : x));
      expect(powerMean(v, q)).toBeGreaterThanOrEqual(powerMean(u, q) * (1 - 1e-12));
      if (Number.isFinite(q) && q > -10) expect(powerMean(v, q)).toBeGreaterThan(powerMean(u, q));
    }));
  });

  it('is homogeneous of degree 1 (ratio-scale invariance) and lies between min and max', () => {
    fc.assert(fc.property(profile, exponent, fc.double({ min: 0.01, max: 100, noNaN: true }), (u, q, c) => {
      const w = powerMean(u, q);
      expect(close(powerMean(u.map((x) => c * x), q), c * w, 1e-9)).toBe(true);
      expect(w).toBeGreaterThanOrEqual(Math.min(...u) * (1 - 1e-12));
      expect(w).toBeLessThanOrEqual(Math.max(...u) * (1 + 1e-12));
    }));
  });

  it('is non-decreasing in q (power-mean inequality) and averse to inequality for q ≤ 1 (Pigou–Dalton)', () => {
    fc.assert(fc.property(profile, exponent, exponent, (u, q1, q2) => {
      const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
      expect(powerMean(u, lo)).toBeLessThanOrEqual(powerMean(u, hi) * (1 + 1e-12));
    }));
    fc.assert(fc.property(utility, utility, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -20, max: 1, noNaN: true }), (a, b, f, q) => {
      const [poor, rich] = a <= b ? [a, b] : [b, a];
      const t = (f * (rich - poor)) / 2; // transfer keeps the order
      expect(powerMean([poor + t, rich - t], q)).toBeGreaterThanOrEqual(powerMean([poor, rich], q) * (1 - 1e-12));
    }));
  });

  it('tends to the geometric mean as q → 0 and to the minimum as q → −∞', () => {
    fc.assert(fc.property(profile, (u) => {
      const geometric = powerMean(u, 0);
      expect(close(powerMean(u, 1e-7), geometric, 1e-5)).toBe(true);
      expect(close(powerMean(u, -1e-7), geometric, 1e-5)).toBe(true);
      // min ≤ W_q ≤ n^{1/|q|} · min for q < 0, so W_q → min.
      for (const q of [-50, -500, -5000]) {
        const w = powerMean(u, q);
        expect(w).toBeGreaterThanOrEqual(Math.min(...u) * (1 - 1e-12));
        expect(w).toBeLessThanOrEqual(Math.min(...u) * u.length ** (1 / -q) * (1 + 1e-12));
      }
    }));
  });

  it('handles zero utilities as the limit: welfare 0 for q ≤ 0, the plain mean for q > 0', () => {
    expect(powerMean([0, 5, 5], 0)).toBe(0);
    expect(powerMean([0, 5, 5], -2)).toBe(0);
    expect(powerMean([0, 5, 5], EGALITARIAN)).toBe(0);
    expect(powerMean([0, 3, 6], 1)).toBeCloseTo(3, 12);
    expect(powerMean([0, 0], 2)).toBe(0);
    expect(powerMean([1e-300, 1], -1)).toBeCloseTo(2e-300, 310);
  });

  it('rejects negative, non-finite and empty inputs', () => {
    expect(() => powerMean([1, -0.5], 1)).toThrow(RangeError);
    expect(() => powerMean([1, Infinity], 1)).toThrow(RangeError);
    expect(() => powerMean([1, Number.NaN], 1)).toThrow(RangeError);
    expect(() => powerMean([], 1)).toThrow(RangeError);
    expect(() => powerMean([1], Number.NaN)).toThrow(RangeError);
  });
});
