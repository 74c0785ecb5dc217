/**
 * Confidence intervals over seeds: mean ± t(1 − α/2, n − 1) · s / √n with the Student t quantile,
 * and the same interval over paired differences (common random numbers make seeds the pairs).
 */

import { incompleteBeta } from '../measures/beta.ts';

/**
 * P(T ≤ t) for Student's t with df degrees of freedom. Near 0 through the central mass
 * P(|T| ≤ |t|) = I_{t²/(df+t²)}(1/2, df/2), in the tails through the tail mass
 * P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2), so that neither loses digits to 1 − x.
 */
export function studentTCdf(t: number, df: number): number {
  const t2 = t * t;
  const halfTail = t2 < df ? 0.5 - 0.5 * incompleteBeta(t2 / (df + t2), 0.5, df / 2) : 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5);
  return t >= 0 ? 1 - halfTail : halfTail;
}

/** The p-quantile of Student's t with df degrees of freedom (0 < p < 1), by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile(${p}, ${df}): expected 0 < p < 1 and df > 0`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

export interface Interval {
  readonly n: number;
  readonly mean: number;
  /** Half the width of the confidence interval; null with fewer than two values. */
  readonly halfWidth: number | null;
}

/** Mean and two-sided t confidence interval (default 95%) of independent values (e.g. one per seed). */
export function meanInterval(values: readonly number[], level = 0.95): Interval | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, halfWidth: null };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, halfWidth: studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n) };
}

/** The differences a(k) − b(k) over the keys (seeds) both hold, in key order. */
export function pairedDifferences(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number[] {
  return [...a.keys()]
    .filter((key) => b.has(key))
    .sort((x, y) => x - y)
    .map((key) => a.get(key)! - b.get(key)!);
}
