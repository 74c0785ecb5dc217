import { z } from 'zod';
import { expectedPayoff, realisedPayoff, type NoisyDecider } from '../agents/deciders/noisy-gamble.ts';
import { findPolicy } from '../agents/policies/index.ts';
import { policyOptions, policyParams } from '../agents/policies/params.ts';
import type { DelegationPolicy } from '../agents/policy.ts';
import { RegretLedger } from '../src/kernel/regret-ledger.ts';
import { defineWorld } from '../src/kernel/world.ts';

/**
 * A changing world for bandit delegation (SCIENCE.md §5): principals decide even-stakes gambles themselves
 * or delegate them to one of two assistants (noisy deciders, `agents/deciders/noisy-gamble.ts`). The
 * better assistant, a1, loses its alignment at a step the principals do not know (drawn between
 * `decayEarliest` and `decayLatest`): from then on it puts `decayedBias` on accepting, accepts gambles its
 * principals would refuse, and falls below the steady a2 and the principals themselves. The best arm
 * changes, so regret is dynamic (against each step's best): sw-ucb, which forgets, beats ucb1, which
 * averages the whole past and keeps trusting a1 for about as long again as it trusted it before. d-ucb
 * forgets too but, with gaps this small (about 0.13 of the reward range), its exploration bonus never
 * falls below the gap and it explores almost uniformly: it does worse than ucb1 here.
 */
const params = z.object({
  principals: z.number().int().min(1).max(100_000).default(10).describe('number of principals, each with its own bandit'),
  ...policyParams({ policy: 'sw-ucb', window: 800, discount: 0.995 }),
  selfAccuracy: z.number().min(0.5).max(1).default(0.55).describe("principals' own signal accuracy"),
  driftingAccuracy: z.number().min(0.5).max(1).default(0.97).describe('signal accuracy of the assistant whose alignment decays (a1)'),
  steadyAccuracy: z.number().min(0.5).max(1).default(0.7).describe('signal accuracy of the steady assistant (a2)'),
  decayEarliest: z.number().int().min(1).default(1000).describe('earliest step the decay may begin'),
  decayLatest: z.number().int().min(1).default(2000).describe('latest step the decay may begin (at least decayEarliest)'),
  decayedBias: z.number().min(0).max(10).default(1).describe('payoff a1 puts on accepting once decayed'),
});

/** Every gamble wins or loses this much, so the arms' means change only when a1 decays. */
const STAKE = 1;
const ARMS = 3;
const principalName = (i: number): string => `p${i + 1}`;
const agentNames = [null, 'a1', 'a2'] as const;

interface State {
  readonly policies: DelegationPolicy[];
  readonly ledger: RegretLedger;
  /** The step a1's alignment starts to decay. */
  readonly decayAt: number;
  /** The deciders: self, a1, a2 (a1 replaced by its decayed self at `decayAt`). */
  readonly deciders: NoisyDecider[];
  /** This step's problem per principal, and per (principal, arm) whether that decider's signal is right. */
  readonly good: Uint8Array;
  readonly signalRight: Uint8Array;
  /** Per (principal, arm): expected payoff on this step's problem. */
  readonly means: Float64Array;
  readonly oracleMeans: number[];
  readonly chosen: Int32Array;
  readonly reasons: Record<string, unknown>[];
}

const normalise = (payoff: number): number => (payoff + STAKE) / (2 * STAKE);

export default defineWorld({
  name: 'drifting-assistant',
  description: "an assistant's alignment decays at an unknown step: a forgetting bandit (sw-ucb) against ucb1 on dynamic regret",
  params,
  defaultSteps: 3000,
  summaryMetrics: ['decay/step'],
  init: (p, random): State => {
    const P = p.principals;
    const policy = findPolicy(p.policy);
    const latest = Math.max(p.decayEarliest, p.decayLatest);
    return {
      policies: Array.from({ length: P }, () => policy.create(policyOptions(p, ARMS))),
      ledger: new RegretLedger(P, ARMS, principalName),
      decayAt: p.decayEarliest + random.stream('drift').int(latest - p.decayEarliest + 1),
      deciders: [
        { accuracy: p.selfAccuracy, bias: 0 },
        { accuracy: p.driftingAccuracy, bias: 0 },
        { accuracy: p.steadyAccuracy, bias: 0 },
      ],
      good: new Uint8Array(P),
      signalRight: new Uint8Array(P * ARMS),
      means: new Float64Array(P * ARMS),
      oracleMeans: new Array<number>(ARMS).fill(0),
      chosen: new Int32Array(P),
      reasons: new Array(P).fill({}),
    };
  },
  phases: {
    evolve: (ctx) => {
      const { state, params: p, t } = ctx;
      if (t === state.decayAt) ctx.event('alignment-decay', 'a1', { bias: p.decayedBias });
      if (t === state.decayAt) state.deciders[1] = { accuracy: p.driftingAccuracy, bias: p.decayedBias };
      const problems = ctx.random.stream('problems');
      for (let i = 0; i < p.principals; i++) {
        state.good[i] = problems.bernoulli(0.5) ? 1 : 0;
        for (let a = 0; a < ARMS; a++) {
          state.signalRight[i * ARMS + a] = problems.bernoulli(state.deciders[a].accuracy) ? 1 : 0;
          state.means[i * ARMS + a] = expectedPayoff(state.deciders[a], STAKE, STAKE);
        }
      }
    },
    decide: (ctx) => {
      const { state, params: p, t } = ctx;
      const random = ctx.random.stream('policy');
      const available = [true, true, true];
      for (let i = 0; i < p.principals; i++) {
        for (let a = 0; a < ARMS; a++) state.oracleMeans[a] = normalise(state.means[i * ARMS + a]);
        const choice = state.policies[i].choose({ t, available, random, oracleMeans: state.oracleMeans });
        state.chosen[i] = choice.arm;
        state.reasons[i] = choice.detail;
      }
    },
    act: (ctx) => {
      const { state, params: p } = ctx;
      let delegatedToDrifting = 0;
      for (let i = 0; i < p.principals; i++) {
        const arm = state.chosen[i];
        const right = state.signalRight[i * ARMS + arm] === 1;
        const reward = realisedPayoff(state.deciders[arm], state.good[i] === 1, right, STAKE, STAKE);
        const best = state.ledger.add(i, arm, state.means.subarray(i * ARMS, (i + 1) * ARMS), reward);
        const policy = state.policies[i];
        ctx.decision({ principal: principalName(i), agent: agentNames[arm], policy: policy.name, reward, bestReward: best, detail: state.reasons[i] });
        policy.update(arm, normalise(reward), ctx.t);
        if (arm === 1) delegatedToDrifting += 1;
      }
      state.ledger.flush(ctx);
      ctx.metric('delegation/a1', delegatedToDrifting / p.principals);
      ctx.metric('bias/a1', state.deciders[1].bias);
      if (ctx.t === 1) ctx.metric('decay/step', state.decayAt);
    },
  },
});
