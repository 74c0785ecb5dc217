import { bernoulliKL } from '../../src/measures/regret.ts';
import type { PolicyDescription } from '../policy.ts';
import { indexLearner, perContext } from './learner.ts';

/**
 * The KL-UCB index (Garivier, Cappé 2011): max { q ∈ [μ̂, 1] : n_i · KL(μ̂, q) ≤ ln n }, by bisection to
 * within `precision`. The exploration term is ln n, i.e. their c = 0, the value they use in practice.
 */
export function klUpperBound(mean: number, pulls: number, logN: number, precision: number): number {
  const budget = logN / pulls;
  let low = mean;
  let high = 1;
  while (high - low > precision) {
    const mid = (low + high) / 2;
    if (bernoulliKL(mean, mid) <= budget) low = mid;
    else high = mid;
  }
  return low;
}

/** KL-UCB for rewards in [0, 1] with the Bernoulli divergence (Garivier, Cappé 2011). SCIENCE.md §5. */
export const klUcb: PolicyDescription = {
  name: 'kl-ucb',
  summary: 'KL-UCB: each arm once, then the largest q with n_i KL(mean_i, q) <= ln n (Bernoulli KL, bisection)',
  create: ({ arms, contexts, klPrecision = 1e-6 }) =>
    perContext('kl-ucb', contexts, () =>
      indexLearner(arms, (mean, pulls, logTotal) => klUpperBound(mean, pulls, logTotal, klPrecision)),
    ),
};
