import type { PolicyDescription } from '../policy.ts';
import { ArmStatistics } from './arm-statistics.ts';
import { indexChoice, perContext } from './learner.ts';

/**
 * UCB1 (Auer, Cesa-Bianchi, Fischer 2002, Figure 1): play each arm once, then the arm maximising
 * μ̂_i + sqrt(2 ln n / n_i), n the pulls so far (of this context's bandit when `contexts > 1`).
 * REFERENCE §5.
 */
export const ucb1: PolicyDescription = {
  name: 'ucb1',
  summary: 'UCB1: each arm once, then the best mean plus sqrt(2 ln n / n_i); one bandit per context if contexts > 1',
  create: ({ arms, contexts }) =>
    perContext('ucb1', contexts, () => {
      const stats = new ArmStatistics(arms);
      return {
        choose: ({ available }) => {
          const logN = Math.log(stats.total());
          const index = new Float64Array(arms);
          for (let a = 0; a < arms; a++) {
            const n = stats.count(a);
            index[a] = n === 0 ? Infinity : stats.mean(a) + Math.sqrt((2 * logN) / n);
          }
          return indexChoice(index, available);
        },
        update: (arm, reward) => stats.add(arm, reward),
      };
    }),
};
