import type { PolicyDescription } from '../policy.ts';
import { indexLearner, perContext } from './learner.ts';

/**
 * UCB1 (Auer, Cesa-Bianchi, Fischer 2002, Figure 1): play each arm once, then the arm maximising
 * μ̂_i + sqrt(2 ln n / n_i), n the pulls so far (of this context's bandit when `contexts > 1`).
 * SCIENCE.md §5.
 */
export const ucb1: PolicyDescription = {
  name: 'ucb1',
  summary: 'UCB1: each arm once, then the best mean plus sqrt(2 ln n / n_i); one bandit per context if contexts > 1',
  create: ({ arms, contexts }) =>
    perContext('ucb1', contexts, () => indexLearner(arms, (mean, pulls, logTotal) => mean + Math.sqrt((2 * logTotal) / pulls))),
};
