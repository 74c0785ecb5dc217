import { stakeScore, UNIT_STAKES, type Stakes } from '../../src/measures/scoring.ts';
import { initialBeliefs, learn, mean, type Beliefs } from '../beliefs/posterior.ts';
import type { BetaPrior, PolicyDescription, PolicyOptions } from '../policy.ts';
import { perContext, type Learner } from './learner.ts';

/** A learner that also shows its beliefs, for worlds that record them. */
export interface BelievingLearner extends Learner {
  beliefs(): Beliefs;
}

/**
 * The expected-score criterion of Herrmann et al. (§3.4) as an online policy (SCIENCE.md §3.9). The principal holds
 * explicit beliefs about every decider, herself included (`agents/beliefs/posterior.ts`): a Beta
 * posterior on its accuracy and one on its bias toward accepting when wrong, updated when an audit
 * arrives. On each problem she scores every decider at the problem's stakes (`ctx.stakes`; unit stakes
 * when the world gives none, or always when `unitStakes`), S = L − G under the posterior means
 * (`stakeScore`: exact, since the score is linear in each chance and the posteriors are independent),
 * and delegates to the assistant of lowest expected score iff it is at most her own (ties delegate).
 * The rule is myopic, as the paper's static criterion is: it does not explore for its own sake.
 */
export function bayesScoreLearner(arms: number, prior: BetaPrior, unitStakes: boolean): BelievingLearner {
  let beliefs = initialBeliefs(arms, prior);
  return {
    choose: ({ available, stakes }) => {
      const at: Stakes = unitStakes ? UNIT_STAKES : (stakes ?? UNIT_STAKES);
      const score = beliefs.map((b) => stakeScore(mean(b.right), mean(b.acceptsWhenWrong), at).score);
      let best = -1;
      for (let a = 1; a < arms; a++) if (available[a] && (best < 0 || score[a] < score[best])) best = a;
      const delegate = best > 0 && (!available[0] || score[best] <= score[0]);
      return { arm: delegate ? best : 0, detail: { score } };
    },
    update: (arm, reward, audit) => {
      [beliefs] = learn(beliefs, arm, audit ?? { right: reward });
    },
    beliefs: () => beliefs,
  };
}

const create = (name: string, unitStakes: boolean) => (options: PolicyOptions) =>
  perContext(name, options.contexts, () => bayesScoreLearner(options.arms, options.prior ?? { alpha: 1, beta: 1 }, unitStakes));

export const bayesScore: PolicyDescription = {
  name: 'bayes-score',
  summary: "delegate iff the best assistant's expected score at the problem's stakes, under Beta posteriors on accuracy and bias, <= own",
  create: create('bayes-score', false),
};

/**
 * bayes-score at unit stakes, where the bias toward accepting does not matter: Herrmann et al.'s
 * criterion on the chance of a right decision alone, S_a = 1 − 2 E[p_a].
 */
export const scoreCriterion: PolicyDescription = {
  name: 'score-criterion',
  summary: "delegate iff the best assistant's expected score (Beta posterior on its chance of a good decision) <= own",
  create: create('score-criterion', true),
};
