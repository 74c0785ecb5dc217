import { z } from 'zod';
import { modelError, perturbModel } from '../agents/planning/approximate-model.ts';
import { FACTIONS, REGIMES, governanceModel } from '../agents/planning/governance-model.ts';
import { stateWelfare } from '../agents/planning/mdp.ts';
import { valueIteration, type ValueFunction } from '../agents/planning/value-iteration.ts';
import { sampleIndex } from '../agents/random.ts';
import { InputError } from '../src/kernel/errors.ts';
import { defineWorld, type StepContext } from '../src/kernel/world.ts';
import { MisalignmentTracker } from '../src/measures/misalignment.ts';
import { powerMean } from '../src/measures/welfare.ts';
import { AREAS, EXTRACTION, buildCitizens, extractionWeight, type Citizens } from './governance/citizens.ts';
import { POLICIES, choose, countingModel, plannerSettings, type Choice, type Knowledge, type PlannerSettings } from './governance/governor.ts';
import { pairingParam } from './common/pairing.ts';

/**
 * An AI governor runs a small economy (Berdoz & Wattenhofer, SCIENCE.md §4; the economy of
 * agents/planning/governance-model.ts). Equal-sized factions of members (workers, owners,
 * farmers) share the output of a destroyable resource stock as the budget regime in force says;
 * each step the governor sets the next regime, and strip-mining from a low stock collapses the
 * economy for good (the destructive state). The governor knows the utilities but plans on an
 * approximate model of the dynamics with D_KL(P ‖ P̂) ≤ κ.
 *
 * Welfare. The social welfare of a step is W_q over every member's utility in the state reached;
 * members of a faction share its utility and factions are of equal size, so this equals W_q over
 * the factions, which is what the planner optimises. Decisions and the policy are judged on the
 * true model by exact value iteration:
 *   welfare_regret/social = V*(s_t) − Q*(s_t, a_t) ≥ 0, the expected discounted welfare lost by
 *     playing a_t once and optimally afterwards (with the formulas' H and C, ≤ 2η with probability
 *     ≥ 1 − δ: `guarantee/decision`);
 *   welfare/discounted = Σ_{k ≤ t} γ^{k−1} W_k, the run's discounted welfare from its start state
 *     s_1, against value/optimal = V*(s_1);
 *   welfare_regret/discounted = Σ_{k ≤ t} γ^{k−1} (V*(s_k) − Q*(s_k, a_k)), whose expectation over
 *     runs tends to V*(s_1) − V^π(s_1) (the performance-difference identity), with far less noise
 *     than V*(s_1) − welfare/discounted; with the formulas' H and C its expectation is ≤ ε
 *     (agents/planning/sparse-sampling.ts).
 * `startStock` and `startRegime` set s_1, so a sweep over them and seeds checks the policy's value
 * from each state.
 *
 * Population misalignment (SCIENCE.md §1) is measured over the policy areas of worlds/governance/
 * citizens.ts; scarcity raises every member's weight on extraction, so depletion shows up there.
 */
const params = z.object({
  policy: z.enum(POLICIES).default('paa').describe('the governor: paa, greedy or black-box, each optionally behind the safety filter (safe-…)'),
  epsilon: z.number().gt(0).max(100).default(0.1).describe("ε: allowed gap of the PAA policy's expected discounted welfare to the optimum"),
  delta: z.number().gt(0).lt(1).default(0.1).describe("δ: allowed failure probability of one decision's guarantee"),
  modelError: z.number().min(0).max(10).default(0.0005).describe("κ: bound on D_KL(P ‖ P̂) of the governor's model"),
  discount: z.number().min(0).lt(1).default(0.5).describe('γ: discount of future social welfare'),
  welfareExponent: z.number().min(-50).max(50).default(0).describe('q of the power-mean welfare W_q (1 utilitarian, 0 Nash, ≪ 0 toward maximin)'),
  depth: z.number().int().min(0).max(20).default(3).describe("planner depth H (0: the PAA formula's H)"),
  width: z.number().int().min(0).max(1_000_000).default(8).describe("planner width C (0: the PAA formula's C)"),
  floor: z.number().min(0).default(0.1).describe('ω: an action with Q*(s, a) < ω is destructive'),
  margin: z
    .number()
    .min(0)
    .optional()
    .describe("η: the safety filter's allowance for estimation error (default: the formulas' accuracy when depth and width come from them, else 0.1)"),
  maxStock: z.number().int().min(2).max(12).default(4).describe('levels of the resource stock'),
  startStock: z.number().int().min(1).max(12).optional().describe('stock of the start state (default: maxStock)'),
  startRegime: z.enum(REGIMES).default('balanced').describe('regime in force in the start state'),
  members: z.number().int().min(1).max(100_000).default(20).describe('members per faction'),
  conformity: z.number().min(0).max(1).default(0.8).describe("chance a member holds its faction's typical goal in an area"),
  pairing: pairingParam,
});

type Params = z.infer<typeof params>;

/** The filter's margin when the planner's H and C are set by hand (no accuracy follows from them). */
export const HAND_MARGIN = 0.1;

/** The accuracy η the PAA formulas guarantee, when the planner runs with their H and C; else null. */
function formulaAccuracy({ formula, used }: PlannerSettings): number | null {
  if ('infeasible' in formula || used.depth !== formula.depth || used.width !== formula.width) return null;
  return formula.accuracy;
}

interface State {
  readonly knowledge: Knowledge;
  readonly settings: PlannerSettings;
  readonly optimum: ValueFunction;
  readonly citizens: Citizens;
  readonly tracker: MisalignmentTracker;
  /** The current state of the economy (an index of the governance model). */
  s: number;
  /** V*(s_1): the optimum from the start state. */
  readonly startValue: number;
  discountedRegret: number;
  choice: Choice | null;
  gap: number;
  discountedWelfare: number;
  cumulativeRegret: number;
  interventions: number;
  destroyed: boolean;
}

function names(actions: readonly number[]): string[] {
  return actions.map((a) => REGIMES[a]);
}

function plannerEvent(ctx: StepContext<Params, State>): void {
  const { knowledge, settings } = ctx.state;
  const { formula } = settings;
  ctx.event('planner', 'governor', {
    formula:
      'infeasible' in formula
        ? formula
        : { depth: formula.depth, width: formula.width, samples: formula.samples, accuracy: formula.accuracy, callFailure: formula.callFailure, valueGap: formula.valueGap },
    used: settings.used,
    samplesPerCall: settings.samplesPerCall,
    modelError: modelError(knowledge.truth, knowledge.approximate),
    welfareMax: Math.max(...knowledge.welfare),
    threshold: knowledge.threshold,
  });
}

/** Scarcity of the stock sets every member's weight on extraction; misalignment is then recomputed exactly. */
function updateSalience(state: State, maxStock: number): void {
  const scarcity = 1 - state.knowledge.truth.stock(state.s) / maxStock;
  const { calmWeight, population } = state.citizens;
  for (let i = 0; i < population.n; i++) population.weights[i * population.m + EXTRACTION] = extractionWeight(calmWeight[i], scarcity);
  state.tracker.recompute();
}

export default defineWorld({
  name: 'governance',
  description: 'an AI governor sets the budget regime of an economy with a destroyable resource: PAA planning, greedy, misaligned and safety-filtered policies',
  params,
  defaultSteps: 60,
  summarySeries: {
    stock: 'stock',
    'welfare/social': 'welfare/social',
    'welfare_regret/social': 'welfare_regret/social',
    'welfare_regret/cumulative': 'welfare_regret/cumulative',
    'safety-filter/removed': 'safety-filter/removed',
    destructive: 'destructive',
  },
  init: (p, random): State => {
    const truth = governanceModel({ maxStock: p.maxStock, discount: p.discount, welfareExponent: p.welfareExponent });
    const approximate = perturbModel(truth, p.modelError, random.stream('model'));
    const welfare = stateWelfare(truth);
    const settings = plannerSettings(
      { epsilon: p.epsilon, delta: p.delta, discount: p.discount, welfareMax: Math.max(...welfare), actions: REGIMES.length, klBound: p.modelError },
      p.depth,
      p.width,
    );
    const citizens = buildCitizens(p.members, p.conformity, random.stream('population'));
    const startStock = p.startStock ?? p.maxStock;
    if (startStock > p.maxStock) throw new InputError(`governance: startStock ${startStock} exceeds maxStock ${p.maxStock}: expected 1..${p.maxStock}`);
    const s = truth.state(startStock, REGIMES.indexOf(p.startRegime));
    const optimum = valueIteration(truth);
    return {
      knowledge: {
        truth,
        approximate,
        sampler: countingModel(approximate),
        welfare,
        planner: settings.used,
        threshold: { floor: p.floor, margin: p.margin ?? formulaAccuracy(settings) ?? HAND_MARGIN },
      },
      settings,
      optimum,
      citizens,
      tracker: new MisalignmentTracker(citizens.population, { pairing: p.pairing }),
      s,
      startValue: optimum.v[s],
      discountedRegret: 0,
      choice: null,
      gap: 0,
      discountedWelfare: 0,
      cumulativeRegret: 0,
      interventions: 0,
      destroyed: false,
    };
  },
  phases: {
    decide: (ctx) => {
      const { state, params: p } = ctx;
      if (ctx.t === 1) plannerEvent(ctx);
      state.knowledge.sampler.samples = 0;
      state.choice = choose(p.policy, state.knowledge, state.s, {
        planner: ctx.random.stream('planner'),
        filter: ctx.random.stream('filter'),
        policy: ctx.random.stream('policy'),
      });
      const filter = state.choice.filter;
      if (filter && filter.removed.length > 0) {
        state.interventions++;
        ctx.event('safety-filter', 'governor', {
          state: state.knowledge.truth.stateNames?.[state.s],
          removed: names(filter.removed),
          allowed: names(filter.allowed),
          certified: filter.certified,
        });
      }
    },
    act: (ctx) => {
      const { state, params: p } = ctx;
      const { truth } = state.knowledge;
      const choice = state.choice!;
      const { v, q } = state.optimum;
      const s = state.s;
      state.gap = Math.max(0, v[s] - q[s][choice.action]);
      ctx.decision({
        principal: 'population',
        agent: 'governor',
        policy: p.policy,
        reward: q[s][choice.action],
        bestReward: v[s],
        detail: {
          state: truth.stateNames?.[s],
          action: REGIMES[choice.action],
          preferred: REGIMES[choice.preferred],
          scores: choice.scores.map((x) => Number(x.toFixed(4))),
          allowed: names(choice.filter?.allowed ?? REGIMES.map((_, a) => a)),
        },
      });
      ctx.metric('destructive/action', q[s][choice.action] < p.floor ? 1 : 0);
      state.s = sampleIndex(truth.transition[s][choice.action], ctx.random.stream('environment'));
      if (state.s === truth.collapsed && !state.destroyed) {
        state.destroyed = true;
        ctx.event('collapse', 'economy', { from: truth.stateNames?.[s], action: REGIMES[choice.action] });
      }
    },
    observe: (ctx) => updateSalience(ctx.state, ctx.params.maxStock),
    measure: (ctx) => {
      const { state, params: p, t } = ctx;
      const { truth, sampler } = state.knowledge;
      const factionUtility = truth.utilities[state.s];
      const memberUtility = Array.from(state.citizens.faction, (f) => factionUtility[f]);
      const welfare = powerMean(memberUtility, p.welfareExponent);
      state.discountedWelfare += p.discount ** (t - 1) * welfare;
      state.cumulativeRegret += state.gap;
      state.discountedRegret += p.discount ** (t - 1) * state.gap;
      ctx.metric('welfare/social', welfare);
      FACTIONS.forEach((faction, f) => ctx.metric(`welfare/${faction}`, factionUtility[f]));
      ctx.metric('welfare/discounted', state.discountedWelfare);
      ctx.metric('value/optimal', state.startValue);
      ctx.metric('welfare_regret/discounted', state.discountedRegret);
      ctx.metric('welfare_regret/social', state.gap);
      ctx.metric('welfare_regret/cumulative', state.cumulativeRegret);
      // Only the formulas' H and C carry the PAA guarantee: each decision within 2η w.p. ≥ 1 − δ.
      const accuracy = formulaAccuracy(state.settings);
      if (accuracy !== null) ctx.metric('guarantee/decision', state.gap <= 2 * accuracy ? 1 : 0);
      ctx.metric('destructive', state.destroyed ? 1 : 0);
      ctx.metric('stock', truth.stock(state.s));
      ctx.metric('planner/samples', sampler.samples);
      ctx.metric('safety-filter/removed', state.choice?.filter?.removed.length ?? 0);
      ctx.metric('safety-filter/interventions', state.interventions);
      ctx.metric('misalignment', state.tracker.overall());
      AREAS.forEach((area, j) => ctx.metric(`misalignment/${area.name}`, state.tracker.area(j)));
    },
  },
  snapshot: (state) => ({
    state: state.knowledge.truth.stateNames?.[state.s],
    destroyed: state.destroyed,
    weights: state.citizens.population.weights,
  }),
});
