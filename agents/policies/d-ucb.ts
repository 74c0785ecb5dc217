import type { PolicyDescription } from '../policy.ts';
import { indexChoice, perContext } from './learner.ts';
import { XI } from './sw-ucb.ts';

/**
 * Discounted UCB (Garivier, Moulines 2011): every pull discounts all arms' counts and sums by γ, and the
 * index is X̄_t(γ, i) + 2 sqrt(ξ ln n_t(γ) / N_t(γ, i)), n_t(γ) = Σ_i N_t(γ, i), for rewards in [0, 1].
 * SCIENCE.md §5.
 */
export const dUcb: PolicyDescription = {
  name: 'd-ucb',
  summary: 'discounted UCB: counts and sums discounted by `discount` each pull (Garivier & Moulines 2011)',
  create: ({ arms, contexts, discount }) =>
    perContext('d-ucb', contexts, () => {
      const counts = new Float64Array(arms);
      const sums = new Float64Array(arms);
      return {
        choose: ({ available }, outstanding) => {
          const logN = Math.log(counts.reduce((s, n) => s + n, 0));
          const index = new Float64Array(arms);
          for (let a = 0; a < arms; a++) {
            index[a] = counts[a] === 0 ? Infinity : sums[a] / counts[a] + 2 * Math.sqrt((XI * logN) / counts[a]);
          }
          return indexChoice(index, available, outstanding);
        },
        update: (arm, reward) => {
          for (let a = 0; a < arms; a++) {
            counts[a] *= discount;
            sums[a] *= discount;
          }
          counts[arm] += 1;
          sums[arm] += reward;
        },
      };
    }),
};
