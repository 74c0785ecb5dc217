import type { PolicyDescription } from '../policy.ts';
import { beta } from '../random.ts';
import { argmaxAvailable } from './arm-statistics.ts';
import { perContext } from './learner.ts';

/**
 * Thompson sampling, Beta–Bernoulli (Agrawal, Goyal 2012): each arm's success chance has a Beta
 * posterior (prior option `prior`, default Beta(1, 1)); choose the arm whose posterior draw is largest.
 * A reward r in [0, 1] enters by the Bernoulli-trial trick: a success with probability r. The trial needs
 * the policy's random stream, which `update` is not given, so it is drawn at the next `choose`, before
 * the posterior draws; the stream's use is fixed by the sequence of calls, so runs replay exactly.
 */
export const thompson: PolicyDescription = {
  name: 'thompson',
  summary: 'Thompson sampling with Beta posteriors; [0,1] rewards enter as Bernoulli trials',
  create: ({ arms, contexts, prior = { alpha: 1, beta: 1 } }) =>
    perContext('thompson', contexts, () => {
      const alphas = new Float64Array(arms).fill(prior.alpha);
      const betas = new Float64Array(arms).fill(prior.beta);
      const pending: [arm: number, reward: number][] = [];
      return {
        choose: ({ available, random }) => {
          for (const [arm, reward] of pending.splice(0)) {
            if (random.next() < reward) alphas[arm] += 1;
            else betas[arm] += 1;
          }
          const sample = Array.from({ length: arms }, (_, a) => beta(random, alphas[a], betas[a]));
          return { arm: argmaxAvailable(sample, available), detail: { sample } };
        },
        update: (arm, reward) => {
          pending.push([arm, reward]);
        },
      };
    }),
};
