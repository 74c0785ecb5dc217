import { z } from 'zod';
import { findPolicy } from '../../agents/policies/index.ts';
import { policyOptions, policyParams, type PolicyParamValues } from '../../agents/policies/params.ts';
import type { Choice, DelegationPolicy } from '../../agents/policy.ts';
import type { RandomStream } from '../../src/kernel/random.ts';
import { RegretLedger, ucb1BoundInRewardUnits } from '../../src/kernel/regret-ledger.ts';
import { defineWorld, type StepContext } from '../../src/kernel/world.ts';
import { delegationCriterion, score, type Decider, type GainConvention, type Score } from '../../src/measures/scoring.ts';

/**
 * The shape of Herrmann et al.'s worked examples as worlds (SCIENCE.md §3): a principal, Alice, either
 * decides a binary gamble {g, 0} herself (problems μ_self, her rule D_π) or delegates it to Bob (problems
 * μ_delegate, his rule D_A). Step 1 records the paper's one-shot calculation (and, in the `criterion`
 * event, both scores under each convention for G); every step Alice then faces a problem and learns with
 * a bandit policy whether to delegate, rewarded by her realised payoff. How well she has learnt (§5.1):
 * `learning/optimal-share` is the share of her last LEARNING_WINDOW decisions that chose the side with
 * the higher expected payoff, and `learning/steps-to-90` is recorded once, at the first step (from
 * LEARNING_WINDOW on) where that share reaches 90%.
 */
export const LEARNING_WINDOW = 100;
const LEARNED_SHARE = 0.9;

/** Numbers as a paper prints them, recorded at step 1 as `printed/<name>/loss|gain` and `printed/<name>`. */
export interface PrintedScore {
  readonly loss: number;
  readonly gain: number;
  readonly score: number;
}

export interface ScoringSetup {
  readonly convention: GainConvention;
  readonly self: Decider;
  readonly delegate: Decider;
  /** The paper's printed scores where our reading does not reproduce them. */
  readonly printed?: Readonly<Record<string, PrintedScore>>;
  /** Further deciders scored at step 1 as `score/<name>` (e.g. Bob without his reach). */
  readonly compare?: Readonly<Record<string, Decider>>;
}

/** The one-shot results every such world records at step 1; a world lists them in `summaryMetrics`. */
export const SCORE_METRICS = [
  'score/self/loss',
  'score/self/gain',
  'score/self',
  'score/delegate/loss',
  'score/delegate/gain',
  'score/delegate',
  'criterion/delegate',
  'payoff/self',
  'payoff/delegate',
] as const;

const PRINCIPAL = 'alice';
const AGENT = 'bob';

/** A decider's payoff on one problem: g(ω) if its rule accepts g at ω, else 0. */
function payoff(decider: Decider, gamble: number, state: number): number {
  const g = decider.problems.gambles[gamble];
  return decider.rule(g, state) ? g[state] : 0;
}

/** The expected payoff of one decision, the problem drawn from μ normalised to a distribution. */
export function expectedPayoff(decider: Decider): number {
  const { gambles, weights, states } = decider.problems;
  let total = 0;
  let mass = 0;
  gambles.forEach((_, i) => {
    mass += weights[i];
    states.forEach((p, w) => (total += weights[i] * p * payoff(decider, i, w)));
  });
  return total / mass;
}

/** The smallest and largest payoff a decision can bring (0 included: rejecting). */
function payoffRange(deciders: readonly Decider[]): { low: number; high: number } {
  const values = deciders.flatMap((d) => d.problems.gambles.flat());
  return { low: Math.min(0, ...values), high: Math.max(0, ...values) };
}

function drawPayoff(decider: Decider, rng: RandomStream): { gamble: number; state: number; payoff: number } {
  const gamble = rng.weighted(decider.problems.weights);
  const state = rng.weighted(decider.problems.states);
  return { gamble, state, payoff: payoff(decider, gamble, state) };
}

const scoreJson = (s: Score) => ({ loss: s.loss, gain: s.gain, score: s.score });

function recordScore(ctx: StepContext<unknown, unknown>, name: string, s: PrintedScore, prefix = 'score'): void {
  ctx.metric(`${prefix}/${name}/loss`, s.loss);
  ctx.metric(`${prefix}/${name}/gain`, s.gain);
  ctx.metric(`${prefix}/${name}`, s.score);
}

const CONVENTIONS: readonly GainConvention[] = ['correct', 'accepted'];

/** The share of the last LEARNING_WINDOW decisions on the side with the higher expected payoff, and when it first reached 90%. */
function recordLearning(ctx: StepContext<unknown, unknown>, state: State, arm: number): void {
  const better = state.means[1] > state.means[0] ? 1 : 0;
  const slot = (ctx.t - 1) % LEARNING_WINDOW;
  state.optimalCount += (arm === better ? 1 : 0) - state.optimal[slot];
  state.optimal[slot] = arm === better ? 1 : 0;
  const share = state.optimalCount / Math.min(ctx.t, LEARNING_WINDOW);
  ctx.metric('learning/optimal-share', share);
  if (state.learnedAt === null && ctx.t >= LEARNING_WINDOW && share >= LEARNED_SHARE) {
    state.learnedAt = ctx.t;
    ctx.metric('learning/steps-to-90', ctx.t);
  }
}

interface State {
  readonly setup: ScoringSetup;
  readonly policy: DelegationPolicy;
  readonly ledger: RegretLedger;
  /** Expected payoff of deciding herself (arm 0) and of delegating (arm 1). */
  readonly means: readonly number[];
  readonly low: number;
  readonly range: number;
  /** This step's problem and payoff on each side, both drawn every step so policies face the same problems. */
  problems: { gamble: number; state: number; payoff: number }[];
  choice: Choice;
  /** Whether each of the last LEARNING_WINDOW decisions chose the better side, as a ring. */
  readonly optimal: Uint8Array;
  optimalCount: number;
  learnedAt: number | null;
}

export interface ScoringWorldSpec<Shape extends z.ZodRawShape> {
  readonly name: string;
  readonly description: string;
  /** The world's own parameters; the policy parameters are added. */
  readonly shape: Shape;
  readonly defaultSteps: number;
  readonly summaryMetrics: readonly string[];
  setup(params: z.infer<z.ZodObject<Shape>>): ScoringSetup;
}

export function defineScoringWorld<Shape extends z.ZodRawShape>(spec: ScoringWorldSpec<Shape>) {
  return defineWorld({
    name: spec.name,
    description: spec.description,
    params: z.object({ ...spec.shape, ...policyParams({ policy: 'ucb1', window: 100, discount: 0.98 }) }),
    defaultSteps: spec.defaultSteps,
    summaryMetrics: spec.summaryMetrics,
    init: (parsed): State => {
      // zod cannot resolve the merged shape's output type while Shape is generic.
      const p = parsed as z.infer<z.ZodObject<Shape>> & PolicyParamValues;
      const setup = spec.setup(p);
      const { low, high } = payoffRange([setup.self, setup.delegate]);
      return {
        setup,
        policy: findPolicy(p.policy).create(policyOptions(p, 2)),
        ledger: new RegretLedger(1, 2, () => PRINCIPAL),
        means: [expectedPayoff(setup.self), expectedPayoff(setup.delegate)],
        low,
        range: high - low,
        problems: [],
        choice: { arm: 0, detail: {} },
        optimal: new Uint8Array(LEARNING_WINDOW),
        optimalCount: 0,
        learnedAt: null,
      };
    },
    phases: {
      evolve: (ctx) => {
        const rng = ctx.random.stream('problems');
        const { self, delegate } = ctx.state.setup;
        ctx.state.problems = [drawPayoff(self, rng), drawPayoff(delegate, rng)];
      },
      decide: (ctx) => {
        const { state } = ctx;
        const oracleMeans = state.means.map((m) => (m - state.low) / state.range);
        state.choice = state.policy.choose({ t: ctx.t, available: [true, true], random: ctx.random.stream('policy'), oracleMeans });
      },
      act: (ctx) => {
        const { state } = ctx;
        const arm = state.choice.arm;
        const { gamble, state: omega, payoff: reward } = state.problems[arm];
        const best = state.ledger.add(0, arm, state.means, reward);
        ctx.decision({
          principal: PRINCIPAL,
          agent: arm === 0 ? null : AGENT,
          policy: state.policy.name,
          reward,
          bestReward: best,
          detail: { gamble, state: omega, ...state.choice.detail },
        });
        state.policy.update(arm, (reward - state.low) / state.range, ctx.t);
        state.ledger.flush(ctx);
        if (ctx.params.policy === 'ucb1') ctx.metric('regret/bound/ucb1', ucb1BoundInRewardUnits(state.means, state.range, ctx.t));
        recordLearning(ctx, state, arm);
      },
      measure: (ctx) => {
        if (ctx.t !== 1) return;
        const { setup, means } = ctx.state;
        const criterion = delegationCriterion(setup.self, setup.delegate, setup.convention);
        recordScore(ctx, 'self', criterion.self);
        recordScore(ctx, 'delegate', criterion.agent);
        const compared = Object.entries(setup.compare ?? {}).map(([name, decider]) => {
          const s = score(decider.problems, decider.rule, setup.convention);
          recordScore(ctx, name, s);
          return [name, scoreJson(s)];
        });
        ctx.metric('criterion/delegate', criterion.delegate ? 1 : 0);
        ctx.metric('payoff/self', means[0]);
        ctx.metric('payoff/delegate', means[1]);
        for (const [name, printed] of Object.entries(setup.printed ?? {})) recordScore(ctx, name, printed, 'printed');
        ctx.event('criterion', `${PRINCIPAL}/${AGENT}`, {
          convention: setup.convention,
          self: scoreJson(criterion.self),
          agent: scoreJson(criterion.agent),
          ...Object.fromEntries(compared),
          delegate: criterion.delegate,
          readings: Object.fromEntries(
            CONVENTIONS.map((convention) => {
              const c = delegationCriterion(setup.self, setup.delegate, convention);
              return [convention, { self: scoreJson(c.self), agent: scoreJson(c.agent), delegate: c.delegate }];
            }),
          ),
          ...(setup.printed ? { printed: setup.printed } : {}),
        });
      },
    },
  });
}
