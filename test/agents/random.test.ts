import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { beta, gamma, sampleIndex, standardNormal, type Random } from '../../agents/random.ts';
import { ScriptedRandom } from '../support/scripted-random.ts';

function moments(draw: (r: Random) => number, n = 20_000): [mean: number, variance: number] {
  const prng = seedrandom.alea('samplers');
  const random = { next: () => prng() };
  const xs = Array.from({ length: n }, () => draw(random));
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return [mean, xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)];
}

describe('samplers (used by Thompson sampling)', () => {
  it('standard normal: mean 0, variance 1', () => {
    const [m, v] = moments(standardNormal);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.04);
  });

  it('gamma: mean and variance equal the shape, also below 1', () => {
    for (const shape of [0.5, 2.5]) {
      const [m, v] = moments((r) => gamma(r, shape));
      expect(Math.abs(m - shape)).toBeLessThan(0.05 * shape);
      expect(Math.abs(v - shape)).toBeLessThan(0.1 * shape);
    }
  });

  it('beta(2, 5): mean 2/7, variance 10/392', () => {
    const [m, v] = moments((r) => beta(r, 2, 5));
    expect(Math.abs(m - 2 / 7)).toBeLessThan(0.005);
    expect(Math.abs(v - 10 / 392)).toBeLessThan(0.002);
  });
});

describe('samplers, draw by draw (scripted uniform draws)', () => {
  it('sampleIndex: inverse CDF over the positive weights, each interval closed below and open above', () => {
    // Weights (1, 0, 3), total 4: arm 0 on [0, 1), arm 2 on [1, 4).
    expect(sampleIndex([1, 0, 3], new ScriptedRandom([0.2]))).toBe(0); // x = 0.8
    expect(sampleIndex([1, 0, 3], new ScriptedRandom([0.25]))).toBe(2); // x = 1: the boundary belongs to the upper arm
    expect(sampleIndex([1, 0, 3], new ScriptedRandom([0.99]))).toBe(2);
    expect(sampleIndex([0, 2], new ScriptedRandom([0]))).toBe(1);
  });

  it('sampleIndex: a draw that rounding carries past the last interval goes to the last arm of positive weight', () => {
    // 0.1 + 0.2 + 0.3 = 0.6000000000000001; times 1 − 2⁻⁵³ it is 0.6, and 0.6 − 0.1 − 0.2 − 0.3 leaves exactly 0.
    expect(sampleIndex([0.1, 0.2, 0.3, 0], new ScriptedRandom([1 - 2 ** -53]))).toBe(2);
  });

  it('standardNormal: rejects points outside the unit disc or at its centre; u sqrt(−2 ln s / s) otherwise', () => {
    // (u, v) = (0, 0): s = 0, rejected; (−1, 0): s = 1, rejected; (−1, −1): s = 2, rejected;
    // (1/2, 0): s = 1/4, x = (1/2) sqrt(8 ln 4) = 2 sqrt(ln 2).
    const random = new ScriptedRandom([0.5, 0.5, 0, 0.5, 0, 0, 0.75, 0.5]);
    expect(standardNormal(random)).toBeCloseTo(2 * Math.sqrt(Math.log(2)), 14);
    expect(random.used).toBe(8);
    // (−1/2, 1/2): s = 1/2, x = −(1/2) sqrt(4 ln 2) = −sqrt(ln 2).
    expect(standardNormal(new ScriptedRandom([0.25, 0.75]))).toBeCloseTo(-Math.sqrt(Math.log(2)), 14);
  });

  // Marsaglia–Tsang for shape a ≥ 1: d = a − 1/3, c = 1/sqrt(9d); a normal x gives v = (1 + cx)³, accepted,
  // as d v, when ln u < x²/2 + d − dv + d ln v for u = 1 − (next draw). The normal draws (3/4, 3/4) give
  // x = sqrt(ln 2); (1/2, 3/4) give x = 0, where the right side is exactly 0.
  const candidate = (shape: number) => {
    const d = shape - 1 / 3;
    return d * (1 + Math.sqrt(Math.log(2)) / Math.sqrt(9 * d)) ** 3;
  };

  it('gamma, shape ≥ 1: a candidate is accepted only when ln u is strictly below the bound', () => {
    // x = 0 with u = 1: ln u = 0 is not below 0, rejected; then x = sqrt(ln 2) with u = 1/2 (the bound is ≈ −0.002).
    const random = new ScriptedRandom([0.5, 0.75, 0, 0.75, 0.75, 0.5]);
    expect(gamma(random, 2)).toBeCloseTo(candidate(2), 13);
    expect(random.used).toBe(6);
    // The same candidate with u = 1 is rejected; the next, x = 0 with u = 1/2, gives d = 5/3.
    expect(gamma(new ScriptedRandom([0.75, 0.75, 0, 0.5, 0.75, 0.5]), 2)).toBeCloseTo(5 / 3, 14);
    // Shape 1 takes no boost: x = 0, u = 1/2 gives d = 2/3.
    expect(gamma(new ScriptedRandom([0.5, 0.75, 0.5]), 1)).toBeCloseTo(2 / 3, 14);
  });

  it('gamma, shape ≥ 1: a normal draw with 1 + cx ≤ 0 is drawn again', () => {
    // (u, v) = (−0.01, 0): s = 10⁻⁴, x ≈ −4.29 < −sqrt(15), so 1 + cx < 0 for shape 2; then as above.
    expect(gamma(new ScriptedRandom([0.495, 0.5, 0.75, 0.75, 0.5]), 2)).toBeCloseTo(candidate(2), 13);
  });

  it('gamma, shape < 1: Gamma(a + 1) times U^(1/a), U = 1 − (the draw after)', () => {
    // Shape 1/2: Gamma(3/2) from x = sqrt(ln 2), u = 1/2, then (1 − 3/4)² = 1/16.
    expect(gamma(new ScriptedRandom([0.75, 0.75, 0.5, 0.75]), 0.5)).toBeCloseTo(candidate(1.5) / 16, 14);
  });

  it('beta: X / (X + Y), X drawn before Y', () => {
    // X ~ Gamma(1) from x = 0: 2/3; Y ~ Gamma(2) from x = sqrt(ln 2).
    expect(beta(new ScriptedRandom([0.5, 0.75, 0.5, 0.75, 0.75, 0.5]), 1, 2)).toBeCloseTo(2 / 3 / (2 / 3 + candidate(2)), 14);
  });
});
