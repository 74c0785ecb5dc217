import { describe, expect, it } from 'vitest';
import {
  bernoulliKL,
  bestMean,
  cumulative,
  dynamicRegret,
  laiRobbinsConstant,
  pseudoRegret,
  realisedRegret,
  staticRegret,
  ucb1RegretBound,
} from '../../src/measures/regret.ts';

describe('regret (SCIENCE.md §5)', () => {
  it('realised and pseudo-regret of one step, over the available arms', () => {
    const means = [0.5, 0.9, 0.7];
    expect(realisedRegret(means, 1)).toBeCloseTo(-0.1, 15);
    expect(pseudoRegret(means, 2)).toBeCloseTo(0.2, 15);
    expect(bestMean(means, [true, false, true])).toBe(0.7);
    expect(pseudoRegret(means, 0, [true, false, true])).toBeCloseTo(0.2, 15);
  });

  it('static regret compares with the best arm in hindsight, dynamic regret with each step\'s best', () => {
    // Arm 0 is best for two steps, arm 1 for three; the policy plays 0, 0, 0, 1, 1.
    const means = [[0.9, 0.1], [0.9, 0.1], [0.1, 0.9], [0.1, 0.9], [0.1, 0.9]];
    const arms = [0, 0, 0, 1, 1];
    // Best fixed arm is 1 (total 2.9 against 2.1); played total 0.9+0.9+0.1+0.9+0.9 = 3.7.
    expect(staticRegret(means, arms)).toBeCloseTo(2.9 - 3.7, 12);
    expect(dynamicRegret(means, arms)).toBeCloseTo(0.8, 12);
    expect(Array.from(cumulative([0.5, 0, 0.25]))).toEqual([0.5, 0.5, 0.75]);
  });

  it('Bernoulli KL and the Lai–Robbins constant', () => {
    expect(bernoulliKL(0.5, 0.25)).toBeCloseTo(0.5 * Math.log(4 / 3), 15);
    expect(bernoulliKL(0, 0.5)).toBeCloseTo(Math.log(2), 15);
    expect(bernoulliKL(1, 1)).toBe(0);
    expect(bernoulliKL(0.5, 1)).toBe(Infinity);
    expect(laiRobbinsConstant([0.9, 0.5, 0.9])).toBeCloseTo(0.4 / (0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1)), 12);
  });

  it('the UCB1 bound of Auer et al. (2002), Theorem 1', () => {
    // Gaps 0.1 and 0.4 at T = 1000: 8 ln 1000 (1/0.1 + 1/0.4) + (1 + π²/3)(0.1 + 0.4) ≈ 692.92.
    expect(ucb1RegretBound([0.9, 0.8, 0.5], 1000)).toBeCloseTo(8 * Math.log(1000) * 12.5 + (1 + Math.PI ** 2 / 3) * 0.5, 9);
    expect(ucb1RegretBound([0.9, 0.8, 0.5], 1000)).toBeCloseTo(692.92, 1);
    expect(ucb1RegretBound([0.3, 0.3], 1000)).toBe(0);
  });
});
