import type { Audit } from '../beliefs/posterior.ts';
import type { Choice, ChooseContext, DelegationPolicy } from '../policy.ts';
import { ArmStatistics, argmaxAvailable } from './arm-statistics.ts';

/**
 * One bandit: what it chooses, given how many of its pulls per arm still await their reward, and how
 * a reward for an arm it chose changes it, whenever that reward arrives.
 */
export interface Learner {
  choose(ctx: ChooseContext, outstanding: ArrayLike<number>): Choice;
  update(arm: number, reward: number, audit?: Audit): void;
}

/**
 * A policy made of one learner per problem context when `contexts > 1` (a per-area bandit, chosen by
 * `ctx.context`), else of a single learner that ignores the context. The policy keeps its name either way.
 * It counts each learner's outstanding pulls (chosen, reward not yet arrived) for delayed feedback.
 */
export function perContext(name: string, contexts: number, create: () => Learner): DelegationPolicy {
  const learners = Array.from({ length: Math.max(1, contexts) }, create);
  const outstanding: Float64Array[] = [];
  const pick = (context = 0): number => {
    if (learners.length === 1) return 0;
    if (!learners[context]) throw new Error(`${name}: context ${context} is outside 0..${learners.length - 1}`);
    return context;
  };
  return {
    name,
    choose: (ctx) => {
      const c = pick(ctx.context);
      outstanding[c] ??= new Float64Array(ctx.available.length);
      const choice = learners[c].choose(ctx, outstanding[c]);
      outstanding[c][choice.arm] += 1;
      return choice;
    },
    update: (arm, reward, _t, context, audit) => {
      const c = pick(context);
      if (outstanding[c]?.[arm] > 0) outstanding[c][arm] -= 1;
      learners[c].update(arm, reward, audit);
    },
  };
}

/**
 * The available arm with the largest index (untried arms carry +Infinity, recorded as null). Among
 * untried arms, the one with fewest pulls still awaiting their reward: with delayed feedback an arm
 * whose first reward is on its way is not tried again while another has not been tried at all.
 */
export function indexChoice(index: ArrayLike<number>, available: readonly boolean[], outstanding: ArrayLike<number>): Choice {
  const values = Array.from(index, (x) => (Number.isFinite(x) ? x : null));
  let untried = -1;
  for (let a = 0; a < index.length; a++) {
    if (available[a] && index[a] === Infinity && (untried < 0 || outstanding[a] < outstanding[untried])) untried = a;
  }
  return { arm: untried >= 0 ? untried : argmaxAvailable(index, available), detail: { index: values } };
}

/**
 * A bandit that plays each arm once and then the available arm with the largest index, computed
 * from the arm's mean reward, its pulls and ln of all pulls so far (UCB1, KL-UCB).
 */
export function indexLearner(arms: number, index: (mean: number, pulls: number, logTotal: number) => number): Learner {
  const stats = new ArmStatistics(arms);
  const indices = new Float64Array(arms);
  return {
    choose: ({ available }, outstanding) => {
      const logTotal = Math.log(stats.total());
      for (let a = 0; a < arms; a++) {
        const n = stats.count(a);
        indices[a] = n === 0 ? Infinity : index(stats.mean(a), n, logTotal);
      }
      return indexChoice(indices, available, outstanding);
    },
    update: (arm, reward) => stats.add(arm, reward),
  };
}
