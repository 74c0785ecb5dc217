import { unitStakeScore } from '../../src/measures/scoring.ts';
import type { PolicyDescription } from '../policy.ts';
import { perContext } from './learner.ts';

/**
 * The scoring criterion of Herrmann et al. (§3.4) as a policy, with the principal's beliefs updated by
 * Bayes as outcomes arrive. Each decision is read as a unit-stake binary problem that the decider (self
 * or an assistant) gets right with an unknown chance p_a; the principal holds a Beta posterior on each
 * p_a (prior option `prior`, default Beta(1, 1)), and a reward r in [0, 1] counts as r of a right
 * decision and 1 − r of a wrong one (α += r, β += 1 − r: exact Bayes for 0/1 rewards). The expected
 * score is linear in p, so it is the score at the posterior mean: S_a = 1 − 2 E[p_a] (`unitStakeScore`).
 * She delegates to the assistant of lowest expected score iff S_delegate ≤ S_self (ties delegate). The
 * rule is myopic, as the paper's static criterion is: it does not explore for its own sake.
 */
export const scoreCriterion: PolicyDescription = {
  name: 'score-criterion',
  summary: 'delegate iff the best assistant\'s expected score (Beta posterior on its chance of a good decision) <= own',
  create: ({ arms, contexts, prior = { alpha: 1, beta: 1 } }) =>
    perContext('score-criterion', contexts, () => {
      const alphas = new Float64Array(arms).fill(prior.alpha);
      const betas = new Float64Array(arms).fill(prior.beta);
      return {
        choose: ({ available }) => {
          const score = Array.from({ length: arms }, (_, a) => unitStakeScore(alphas[a] / (alphas[a] + betas[a])).score);
          let best = -1;
          for (let a = 1; a < arms; a++) if (available[a] && (best < 0 || score[a] < score[best])) best = a;
          const delegate = best > 0 && (!available[0] || score[best] <= score[0]);
          return { arm: delegate ? best : 0, detail: { score } };
        },
        update: (arm, reward) => {
          alphas[arm] += reward;
          betas[arm] += 1 - reward;
        },
      };
    }),
};
