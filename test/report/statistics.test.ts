import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, pairedDifferences, studentTCdf, studentTQuantile } from '../../src/report/statistics.ts';

describe('Student t', () => {
  it('matches the two-sided 95% critical values of the standard tables', () => {
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [4, 2.7764],
      [9, 2.2622],
      [19, 2.093],
      [30, 2.0423],
      [120, 1.9799],
    ];
    for (const [df, value] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(value, 4);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('with one degree of freedom is the Cauchy distribution: P(T ≤ t) = 1/2 + atan(t)/π', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (t) => Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI)) < 1e-12),
      // Near 0, 1 − df/(df + t²) rounds to 0 unless the CDF goes through the central mass.
      { examples: [[-3.14159204155921e-10], [1e-300]] },
    );
  });

  it('quantile inverts the CDF', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) =>
        Math.abs(studentTCdf(studentTQuantile(p, df), df) - p) < 1e-9,
      ),
    );
  });
});

describe('meanInterval', () => {
  it('is mean ± t(0.975, n−1)·s/√n, computed by hand', () => {
    // values 1..5: mean 3, s² = 10/4 = 2.5, s/√n = √0.5; t(0.975, 4) = 2.776445105.
    const interval = meanInterval([1, 2, 3, 4, 5])!;
    expect(interval.n).toBe(5);
    expect(interval.mean).toBe(3);
    expect(interval.halfWidth).toBeCloseTo(2.776445105 * Math.sqrt(0.5), 8);
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x−5)² = 32, s² = 32/7; t(0.975, 7) = 2.364624252.
    expect(meanInterval([2, 4, 4, 4, 5, 5, 7, 9])!.halfWidth).toBeCloseTo(2.364624252 * Math.sqrt(32 / 7 / 8), 8);
  });

  it('has no width from one value, and no interval from none', () => {
    expect(meanInterval([7])).toEqual({ n: 1, mean: 7, halfWidth: null });
    expect(meanInterval([])).toBeNull();
  });

  it('pairs differences by seed, over the seeds both have', () => {
    const a = new Map([[3, 10], [1, 4], [2, 6]]);
    const b = new Map([[1, 1], [2, 1], [4, 9]]);
    expect(pairedDifferences(a, b)).toEqual([3, 5]);
  });
});
