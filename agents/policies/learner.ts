import type { Choice, ChooseContext, DelegationPolicy } from '../policy.ts';
import { ArmStatistics, argmaxAvailable } from './arm-statistics.ts';

/** One bandit: what it chooses and how a reward for the arm it chose changes it. */
export interface Learner {
  choose(ctx: ChooseContext): Choice;
  update(arm: number, reward: number): void;
}

/**
 * A policy made of one learner per problem context when `contexts > 1` (a per-area bandit, chosen by
 * `ctx.context`), else of a single learner that ignores the context. The policy keeps its name either way.
 */
export function perContext(name: string, contexts: number, create: () => Learner): DelegationPolicy {
  const learners = Array.from({ length: Math.max(1, contexts) }, create);
  const pick = (context = 0): Learner => {
    if (learners.length === 1) return learners[0];
    const learner = learners[context];
    if (!learner) throw new Error(`${name}: context ${context} is outside 0..${learners.length - 1}`);
    return learner;
  };
  return {
    name,
    choose: (ctx) => pick(ctx.context).choose(ctx),
    update: (arm, reward, _t, context) => pick(context).update(arm, reward),
  };
}

/** The available arm with the largest index (untried arms carry +Infinity, recorded as null). */
export function indexChoice(index: ArrayLike<number>, available: readonly boolean[]): Choice {
  const values = new Array<number | null>(index.length);
  for (let a = 0; a < index.length; a++) values[a] = Number.isFinite(index[a]) ? index[a] : null;
  return { arm: argmaxAvailable(index, available), detail: { index: values } };
}

/**
 * A bandit that plays each arm once and then the available arm with the largest index, computed
 * from the arm's mean reward, its pulls and ln of all pulls so far (UCB1, KL-UCB).
 */
export function indexLearner(arms: number, index: (mean: number, pulls: number, logTotal: number) => number): Learner {
  const stats = new ArmStatistics(arms);
  const indices = new Float64Array(arms);
  return {
    choose: ({ available }) => {
      const logTotal = Math.log(stats.total());
      for (let a = 0; a < arms; a++) {
        const n = stats.count(a);
        indices[a] = n === 0 ? Infinity : index(stats.mean(a), n, logTotal);
      }
      return indexChoice(indices, available);
    },
    update: (arm, reward) => stats.add(arm, reward),
  };
}
