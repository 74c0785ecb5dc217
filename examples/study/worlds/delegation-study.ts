import { defineWorld, z } from 'alignsim';
import { findPolicy, policyNames, type PolicyDescription } from 'alignsim/policies';

/** Tries every decider `TRIAL` times, then keeps to the one with the best record so far. */
const TRIAL = 10;
export const trustAfterTrial: PolicyDescription = {
  name: 'trust-after-trial',
  summary: `try yourself and every assistant ${TRIAL} times, then keep to the best so far`,
  create: ({ arms }) => {
    const pulls = new Array<number>(arms).fill(0);
    const wins = new Array<number>(arms).fill(0);
    const rate = (arm: number): number => (wins[arm] ?? 0) / Math.max(1, pulls[arm] ?? 0);
    return {
      name: 'trust-after-trial',
      choose: ({ available }) => {
        const candidates = pulls.map((_, arm) => arm).filter((arm) => available[arm]);
        const untried = candidates.find((arm) => (pulls[arm] ?? 0) < TRIAL);
        const arm = untried ?? candidates.reduce((best, next) => (rate(next) > rate(best) ? next : best));
        return { arm, detail: { trial: untried !== undefined, rate: rate(arm) } };
      },
      update: (arm, reward) => {
        pulls[arm] = (pulls[arm] ?? 0) + 1;
        wins[arm] = (wins[arm] ?? 0) + reward;
      },
    };
  },
};

const policyNamed = (name: string): PolicyDescription => (name === trustAfterTrial.name ? trustAfterTrial : findPolicy(name));

/** Principals decide yes/no questions themselves or delegate them to assistants of unknown accuracy. */
export default defineWorld({
  name: 'delegation-study',
  description: 'principals learn whom to trust with yes/no decisions: themselves or one of two assistants',
  params: z.object({
    principals: z.number().int().min(1).max(10_000).default(20).describe('number of principals, each with its own policy'),
    policy: z.enum([trustAfterTrial.name, ...policyNames]).default(trustAfterTrial.name).describe('delegation policy'),
    selfAccuracy: z.number().min(0).max(1).default(0.6).describe("the principals' own chance of deciding right"),
    assistantAccuracy: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0.5, 0.8]).describe('chance each assistant decides right'),
  }),
  defaultSteps: 200,
  init: (p) => {
    const accuracy = [p.selfAccuracy, ...p.assistantAccuracy];
    const options = { arms: accuracy.length, fixedArm: 1, epsilon: 0.1, window: 100, discount: 0.99, contexts: 1 };
    return { accuracy, policies: Array.from({ length: p.principals }, () => policyNamed(p.policy).create(options)) };
  },
  phases: {
    decide: (ctx) => {
      const { accuracy, policies } = ctx.state;
      const [available, best] = [accuracy.map(() => true), Math.max(...accuracy)];
      const [choices, outcomes] = [ctx.random.stream('policy'), ctx.random.stream('outcomes')];
      let delegated = 0;
      policies.forEach((policy, i) => {
        const { arm, detail } = policy.choose({ t: ctx.t, available, random: choices });
        const reward = outcomes.bernoulli(accuracy[arm] ?? 0) ? 1 : 0;
        policy.update(arm, reward, ctx.t);
        ctx.decision({ principal: `p${i + 1}`, agent: arm === 0 ? null : `a${arm}`, policy: policy.name, reward, bestReward: best, detail });
        if (arm > 0) delegated++;
      });
      ctx.metric('delegated/share', delegated / policies.length);
    },
  },
});
