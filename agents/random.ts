/** A seeded uniform source on [0, 1); the kernel's random streams satisfy it. */
export interface Random {
  next(): number;
}

/**
 * Index i drawn with probability weights[i] / Σ weights (inverse CDF, one uniform draw).
 * Weights must be non-negative with a positive sum.
 */
export function sampleIndex(weights: readonly number[], random: Random): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = random.next() * total;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] <= 0) continue;
    last = i;
    x -= weights[i];
    if (x < 0) return i;
  }
  return last;
}

/** A standard normal draw (Marsaglia's polar method; the spare draw is discarded so the sampler keeps no state). */
export function standardNormal(random: Random): number {
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * random.next() - 1;
    v = 2 * random.next() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * Math.log(s)) / s);
}

/** A Gamma(shape, 1) draw (Marsaglia–Tsang 2000; shape < 1 by the boost Gamma(a) = Gamma(a + 1) · U^(1/a)). */
export function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(alpha, beta) draw, as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function beta(random: Random, alpha: number, betaShape: number): number {
  const x = gamma(random, alpha);
  return x / (x + gamma(random, betaShape));
}
