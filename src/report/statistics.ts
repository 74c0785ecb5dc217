/**
 * Confidence intervals over seeds: mean ± t(1 − α/2, n − 1) · s / √n with the Student t quantile,
 * and the same interval over paired differences (common random numbers make seeds the pairs).
 */

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients; ~15 significant digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function (modified Lentz's method). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const numerator of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + numerator * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + numerator / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

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
