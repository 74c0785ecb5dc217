import type { Choice, ChooseContext, DelegationPolicy } from '../policy.ts';
import { argmaxAvailable } from './arm-statistics.ts';

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
  return {
    arm: argmaxAvailable(index, available),
    detail: { index: Array.from(index, (x) => (Number.isFinite(x) ? x : null)) },
  };
}
