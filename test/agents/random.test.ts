import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { beta, gamma, standardNormal, type Random } from '../../agents/random.ts';

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
