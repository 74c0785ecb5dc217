// The regularised incomplete beta function I_x(a, b) (the Beta CDF) and its quantiles, checked
// against closed forms: binomial tails for integer a, b, powers for a = 1 or b = 1, the arcsine law.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { betaQuantile, incompleteBeta } from '../../src/measures/beta.ts';

/** C(n, k) as a float, exact for the small n used here. */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** For integers a, b ≥ 1, I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a). */
function binomialTail(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let sum = 0;
  for (let j = a; j <= n; j++) sum += choose(n, j) * x ** j * (1 - x) ** (n - j);
  return sum;
}

const grid = [0.001, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.999];

describe('incompleteBeta', () => {
  it('equals the binomial tail for integer a, b (both continued-fraction branches)', () => {
    let below = 0;
    let above = 0;
    for (const [a, b] of [[1, 1], [1, 4], [3, 1], [2, 5], [5, 2], [7, 7], [30, 40], [60, 9]]) {
      for (const x of grid) {
        if (x < (a + 1) / (a + b + 2)) below++;
        else above++;
        expect(Math.abs(incompleteBeta(x, a, b) - binomialTail(x, a, b))).toBeLessThan(1e-13);
      }
    }
    // Both ways of evaluating (at x and by symmetry at 1 − x) are exercised.
    expect(below).toBeGreaterThan(20);
    expect(above).toBeGreaterThan(20);
  });

  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b for fractional a, b (Γ below ½ by reflection)', () => {
    for (const s of [1e-5, 0.1, 0.25, 0.5, 1.5, 2.75, 12.5]) {
      for (const x of grid) {
        expect(incompleteBeta(x, s, 1)).toBeCloseTo(x ** s, 13);
        expect(incompleteBeta(x, 1, s)).toBeCloseTo(1 - (1 - x) ** s, 13);
      }
    }
  });

  it('I_x(½, ½) = (2/π) arcsin √x, the arcsine law', () => {
    for (const x of grid) expect(incompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 13);
  });

  it('is 0 at and below 0, 1 at and above 1', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(-0.5, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBeta(1.5, 2, 3)).toBe(1);
  });

  it('satisfies I_x(a, b) = 1 − I_{1−x}(b, a) and increases in x', () => {
    const shape = fc.double({ min: 0.2, max: 20, noNaN: true });
    const unit = fc.double({ min: 0.01, max: 0.99, noNaN: true });
    fc.assert(
      fc.property(unit, unit, shape, shape, (x, y, a, b) => {
        expect(incompleteBeta(x, a, b) + incompleteBeta(1 - x, b, a)).toBeCloseTo(1, 12);
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(incompleteBeta(lo, a, b)).toBeLessThanOrEqual(incompleteBeta(hi, a, b) + 1e-14);
      }),
    );
  });
});

describe('betaQuantile', () => {
  it('inverts the closed forms: Beta(a, 1) at p is p^(1/a), Beta(1, b) is 1 − (1 − p)^(1/b), Beta(1, 1) is p', () => {
    for (const p of [0.01, 0.1, 0.25, 0.5, 0.9, 0.975]) {
      expect(betaQuantile(p, 1, 1)).toBeCloseTo(p, 14);
      expect(betaQuantile(p, 3, 1)).toBeCloseTo(p ** (1 / 3), 14);
      expect(betaQuantile(p, 1, 2.5)).toBeCloseTo(1 - (1 - p) ** (1 / 2.5), 14);
    }
  });

  it('is the point where the CDF reaches p', () => {
    for (const [a, b] of [[4, 3], [3, 1], [0.5, 0.5], [20, 5]]) {
      for (const p of [0.025, 0.5, 0.975]) expect(incompleteBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 12);
    }
  });

  it('gives the ends of the support at p = 0 and p = 1', () => {
    expect(betaQuantile(0, 2, 2)).toBeCloseTo(0, 15);
    // Beta(1, 1): the CDF is x, below 1 everywhere short of 1. (For Beta(2, 2) it rounds to 1 once
    // 3(1 − x)² < 2⁻⁵³, so the bisection stops about 6e-9 short.)
    expect(betaQuantile(1, 1, 1)).toBeCloseTo(1, 15);
  });

  it('rejects p outside [0, 1] and non-positive shapes', () => {
    for (const [p, a, b] of [[-0.1, 1, 1], [1.1, 1, 1], [Number.NaN, 1, 1], [0.5, 0, 1], [0.5, 1, 0], [0.5, Number.NaN, 1]]) {
      expect(() => betaQuantile(p, a, b)).toThrow(new RegExp(`betaQuantile\\(${p}, ${a}, ${b}\\): expected 0 ≤ p ≤ 1, a > 0, b > 0`));
    }
  });
});
