import { describe, expect, it } from 'vitest';
import { isNoisy, rollingMean, smoothingWindow } from '../../src/report/smoothing.ts';

describe('smoothing', () => {
  it('takes the centred rolling mean, over fewer points at the ends and without missing values', () => {
    const points: [number, number | null][] = [[1, 1], [2, 2], [3, 3], [4, null], [5, 5], [6, 9]];
    expect(rollingMean(points, 3)).toEqual([[1, 1.5], [2, 2], [3, 2.5], [4, 4], [5, 7], [6, 7]]);
    expect(rollingMean([[1, null], [2, null]], 3)).toEqual([[1, null], [2, null]]);
  });

  it('calls alternating noise noisy, and neither a trend nor a single step change', () => {
    const steps = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(isNoisy(steps.map((t) => [t, t % 2]))).toBe(true);
    expect(isNoisy(steps.map((t) => [t, Math.sin(t / 20)]))).toBe(false);
    expect(isNoisy(steps.map((t) => [t, t < 50 ? 0.2 : 0.8]))).toBe(false);
    expect(isNoisy(steps.map((t) => [t, 3]))).toBe(false);
  });

  it('uses an odd window of about 2% of the run, at least 5', () => {
    expect([20, 500, 2000].map(smoothingWindow)).toEqual([5, 11, 41]);
  });
});
