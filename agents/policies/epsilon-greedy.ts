import type { PolicyDescription } from '../policy.ts';
import { ArmStatistics, argmaxAvailable } from './arm-statistics.ts';
import { perContext } from './learner.ts';

/**
 * Epsilon-greedy: with probability epsilon a uniformly random available arm, otherwise the arm
 * with the best mean reward so far (untried arms first). One bandit per context if contexts > 1.
 */
export const epsilonGreedy: PolicyDescription = {
  name: 'epsilon-greedy',
  summary: 'explore a random arm with probability epsilon, else exploit the best mean so far',
  create: ({ arms, epsilon, contexts }) =>
    perContext('epsilon-greedy', contexts, () => {
      const stats = new ArmStatistics(arms);
      const means = new Float64Array(arms);
      return {
        choose: ({ available, random }) => {
          if (random.next() < epsilon) {
            const open = available.flatMap((ok, a) => (ok ? [a] : []));
            const arm = open[Math.floor(random.next() * open.length)] ?? 0;
            return { arm, detail: { explore: true } };
          }
          for (let a = 0; a < arms; a++) means[a] = stats.count(a) === 0 ? Infinity : stats.mean(a);
          const arm = argmaxAvailable(means, available);
          return { arm, detail: { explore: false, mean: stats.count(arm) === 0 ? null : means[arm], pulls: stats.count(arm) } };
        },
        update: (arm, reward) => stats.add(arm, reward),
      };
    }),
};
