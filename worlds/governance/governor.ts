import { FACTIONS, REGIMES, type GovernanceModel } from '../../agents/planning/governance-model.ts';
import { tabularModel, type SocialMdp, type TabularSocialMdp } from '../../agents/planning/mdp.ts';
import { shield, type SafetyThreshold, type ShieldedStep } from '../../agents/planning/safety-filter.ts';
import {
  paaParameters,
  sparseSampling,
  type PaaParameters,
  type PaaRequirements,
  type SparseSamplingOptions,
} from '../../agents/planning/sparse-sampling.ts';
import type { Random } from '../../agents/random.ts';
import { InputError } from '../../src/kernel/errors.ts';

/**
 * The AI governor's policies (SCIENCE.md §4). Each base policy scores the actions and plays the
 * best-scoring one; its `safe-` variant plays the best-scoring action among those the safety filter
 * allows (agents/planning/safety-filter.ts), so the filter is the only difference.
 *   paa        sparse-sampling estimates Q̂(s, ·) on the approximate model (the PAA planner)
 *   greedy     myopic: the expected welfare of the next state under the approximate model
 *   black-box  misaligned: the owners' take this step, blind to the stock's dynamics
 */
export const POLICIES = ['paa', 'greedy', 'black-box', 'safe-paa', 'safe-greedy', 'safe-black-box'] as const;
export type PolicyName = (typeof POLICIES)[number];
type BasePolicy = 'paa' | 'greedy' | 'black-box';

const OWNERS = FACTIONS.indexOf('owners');
/** More generative-model samples than this per planner call is refused: the run would not finish. */
export const MAX_SAMPLES_PER_CALL = 1e7;

/** A generative model that counts its samples (the planner's cost). */
export interface CountingModel extends SocialMdp<number> {
  samples: number;
}

export function countingModel(mdp: TabularSocialMdp): CountingModel {
  const inner = tabularModel(mdp);
  const counted: CountingModel = {
    discount: inner.discount,
    welfareExponent: inner.welfareExponent,
    actions: inner.actions,
    samples: 0,
    sample: (s, a, random) => {
      counted.samples++;
      return inner.sample(s, a, random);
    },
  };
  return counted;
}

/** What the governor knows: the utilities exactly, the dynamics only through the approximate model. */
export interface Knowledge {
  readonly truth: GovernanceModel;
  readonly approximate: TabularSocialMdp;
  readonly sampler: CountingModel;
  /** W_q(u(s)) per state. */
  readonly welfare: readonly number[];
  readonly planner: SparseSamplingOptions;
  readonly threshold: SafetyThreshold;
}

export interface PlannerSettings {
  /** H, C and η from the formulas of agents/planning/sparse-sampling.ts, or why there are none. */
  readonly formula: PaaParameters | { readonly infeasible: string };
  /** The H and C the planner runs with: the `depth`/`width` parameters, or the formula's where those are 0. */
  readonly used: SparseSamplingOptions;
  /** Samples one planner call draws: Σ_{i=1..H} (kC)^i. */
  readonly samplesPerCall: number;
}

export function samplesPerCall(actions: number, { depth, width }: SparseSamplingOptions): number {
  let level = 1;
  let total = 0;
  for (let i = 0; i < depth; i++) total += level *= actions * width;
  return total;
}

/** The planner's H and C; an InputError when the formulas are asked for and give none, or when the cost is out of reach. */
export function plannerSettings(requirements: PaaRequirements, depth: number, width: number): PlannerSettings {
  let formula: PlannerSettings['formula'];
  try {
    formula = paaParameters(requirements);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    formula = { infeasible: error.message };
  }
  if ((depth === 0 || width === 0) && 'infeasible' in formula) {
    throw new InputError(`governance: the PAA formulas give no depth and width (${formula.infeasible}): set depth and width, or lower modelError`);
  }
  const used = {
    depth: depth || (formula as PaaParameters).depth,
    width: width || (formula as PaaParameters).width,
  };
  const samples = samplesPerCall(requirements.actions, used);
  if (samples > MAX_SAMPLES_PER_CALL) {
    throw new InputError(
      `governance: depth ${used.depth} and width ${used.width} cost ${samples.toExponential(2)} samples per decision: expected at most ${MAX_SAMPLES_PER_CALL.toExponential(0)} (set smaller depth/width, or a larger epsilon/delta or smaller discount)`,
    );
  }
  return { formula, used, samplesPerCall: samples };
}

function scores(policy: BasePolicy, k: Knowledge, s: number, planner: Random): readonly number[] {
  switch (policy) {
    case 'paa':
      return sparseSampling(k.sampler, s, k.planner, planner).q;
    case 'greedy':
      return k.approximate.transition[s].map((p) => p.reduce((sum, x, next) => sum + x * k.welfare[next], 0));
    case 'black-box':
      return REGIMES.map((_, a) => k.truth.utilities[k.truth.state(k.truth.stock(s), a)][OWNERS]);
  }
}

/** The best-scoring action among `allowed` (the first among ties). */
function bestAmong(values: readonly number[], allowed: readonly number[]): number {
  return allowed.reduce((best, a) => (values[a] > values[best] ? a : best));
}

export interface Choice {
  readonly action: number;
  /** The base policy's own choice, before any filter. */
  readonly preferred: number;
  /** The base policy's score per action (Q̂ for paa). */
  readonly scores: readonly number[];
  /** The safety filter's restriction, for `safe-` policies. */
  readonly filter: ShieldedStep | null;
}

export interface GovernorStreams {
  readonly planner: Random;
  readonly filter: Random;
  readonly policy: Random;
}

export function choose(policy: PolicyName, k: Knowledge, s: number, streams: GovernorStreams): Choice {
  const safe = policy.startsWith('safe-');
  const base = (safe ? policy.slice('safe-'.length) : policy) as BasePolicy;
  const values = scores(base, k, s, streams.planner);
  const preferred = bestAmong(values, values.map((_, a) => a));
  if (!safe) return { action: preferred, preferred, scores: values, filter: null };
  const blackBox = (_state: number, allowed: readonly number[]) => bestAmong(values, allowed);
  const filter = shield(blackBox, k.sampler, k.planner, k.threshold)(s, { planner: streams.filter, policy: streams.policy });
  return { action: filter.action, preferred, scores: values, filter };
}
