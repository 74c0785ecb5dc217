import { produce } from 'immer';
import { z } from 'zod';
import { accepts, expectedPayoff, realisedPayoff, type NoisyDecider } from '../agents/deciders/noisy-gamble.ts';
import type { DelegationPolicy } from '../agents/policy.ts';
import { findPolicy } from '../agents/policies/index.ts';
import { policyOptions, policyParams } from '../agents/policies/params.ts';
import { delegationTransitions } from '../src/kernel/lifecycles.ts';
import type { RandomStream } from '../src/kernel/random.ts';
import { RegretLedger } from '../src/kernel/regret-ledger.ts';
import { defineWorld, type StepContext } from '../src/kernel/world.ts';
import { MisalignmentTracker, NULL_GOAL, type Population } from '../src/measures/misalignment.ts';
import { pairingParam } from './common/pairing.ts';
import { AssistantAlignment } from './assistants/alignment.ts';

/**
 * The flagship world. P principals and K AI assistants hold a goal and an importance weight in
 * each of M problem areas. Every step each principal faces a gamble from one area (drawn by its
 * weights) and either decides itself or delegates to an assistant. Assistants differ in
 * accuracy (how well they read the hidden state), alignment (their goals conflict with the
 * principal's, which biases them toward accepting) and reach (access to better gambles).
 * Principals' weights drift; assistants' values drift, and a deployment shift can corrupt one.
 */
const params = z.object({
  principals: z.number().int().min(1).max(1_000_000).default(50).describe('number of principals (humans)'),
  assistants: z.number().int().min(1).max(64).default(3).describe('number of AI assistants'),
  areas: z.number().int().min(1).max(64).default(4).describe('number of problem areas'),
  goalsPerArea: z.number().int().min(2).max(16).default(3).describe('goals per area'),
  ...policyParams({ policy: 'ucb1', window: 100, discount: 0.98 }),
  fixedAssistant: z.number().int().min(1).default(1).describe('assistant used by the always policy (1-based)'),
  perArea: z.boolean().default(false).describe("one bandit per problem area within each principal's policy"),
  selfAccuracy: z.number().min(0.5).max(1).default(0.65).describe("principals' own signal accuracy"),
  accuracyLow: z.number().min(0.5).max(1).default(0.6).describe('lowest assistant accuracy'),
  accuracyHigh: z.number().min(0.5).max(1).default(0.95).describe('highest assistant accuracy'),
  maxReach: z.number().min(0).max(1).default(0.5).describe('largest chance an assistant reaches a better gamble'),
  reachBonus: z.number().min(0).max(10).default(0.5).describe('relative gain increase of a reached gamble'),
  maxDistortion: z.number().min(0).max(1).default(0.3).describe("largest initial distortion of an assistant's values"),
  biasScale: z.number().min(0).max(10).default(1).describe('payoff an assistant puts on accepting, at full conflict and distortion'),
  weightDrift: z.number().min(0).max(1).default(0.01).describe("sd of the per-step drift of principals' weights"),
  valueDrift: z.number().min(0).max(1).default(0.002).describe("chance per step and area that an assistant's goal changes"),
  shiftAt: z.number().int().min(0).default(250).describe('step of the deployment shift (0: none)'),
  pairing: pairingParam,
  shiftAssistant: z.number().int().min(1).default(1).describe('assistant corrupted by the shift (1-based)'),
});

type Params = z.infer<typeof params>;

interface State {
  readonly population: Population;
  readonly tracker: MisalignmentTracker;
  /** Small structured state: replaced through immer when it changes, never mutated. */
  assistants: readonly AssistantProfile[];
  readonly policies: DelegationPolicy[];
  /** Delegation lifecycle state index per (principal, assistant), principal-major. */
  readonly relationship: Int8Array;
  /** This step's problem per principal. */
  readonly area: Int32Array;
  readonly good: Uint8Array;
  readonly gain: Float64Array;
  readonly loss: Float64Array;
  /** Per (principal, decider 0..K): signal right; per (principal, assistant): reached a better gamble. */
  readonly signalRight: Uint8Array;
  readonly reached: Uint8Array;
  readonly chosen: Int32Array;
  /** This step's policy reasons per principal. */
  readonly reasons: Record<string, unknown>[];
  /** Per (principal, decider 0..K): expected payoff on this step's problem. */
  readonly means: Float64Array;
  /** One principal's `means` rescaled to [0, 1], handed to the policy (the oracle reads it). */
  readonly oracleMeans: number[];
  readonly regret: RegretLedger;
  /** Each principal's alignment distance and welfare ratio with its most-used assistant. */
  readonly alignment: AssistantAlignment;
}

/**
 * Memory of a run, from measured peak resident sizes: per principal its policy's learners, its
 * cells of the state arrays and its rows in the steps in flight (the writer thread holds a
 * copy). Measured: 1,000,000 principals with the defaults, 4.72 GiB over 2 steps; 40,000
 * principals with 16 assistants, 32 areas, 64 × 64 or per-area learners, about 190 bytes more per
 * principal for each further assistant or area and 1,450 per further learner. Runs of fewer
 * principals peak higher per principal (garbage awaiting collection is a larger share of them);
 * the constants fit the large runs, where the guard matters.
 */
const BYTES_PER_PRINCIPAL = 4_000;
const BYTES_PER_PRINCIPAL_ASSISTANT = 190;
const BYTES_PER_PRINCIPAL_AREA = 190;
/** Each learner a principal keeps beyond the first (a per-area policy keeps one per area). */
const BYTES_PER_LEARNER = 1_450;
/** sw-ucb's window: each learner remembers the arm (4 bytes) and reward (8) of its last `window` pulls. */
const BYTES_PER_WINDOW_PULL = 12;

function estimateMemory(p: Params): number {
  const learners = p.perArea ? p.areas : 1;
  const window = p.policy === 'sw-ucb' ? learners * p.window * BYTES_PER_WINDOW_PULL : 0;
  const perPrincipal =
    BYTES_PER_PRINCIPAL + BYTES_PER_PRINCIPAL_ASSISTANT * p.assistants + BYTES_PER_PRINCIPAL_AREA * p.areas + BYTES_PER_LEARNER * (learners - 1) + window;
  return p.principals * perPrincipal;
}

const MAX_STAKE = 1.5;
const principalName = (i: number): string => `p${i + 1}`;
const assistantName = (k: number): string => `a${k + 1}`;
const areaName = (j: number): string => `area${j + 1}`;

function buildPopulation(p: Params, rng: RandomStream): Population {
  const n = p.principals + p.assistants;
  const m = p.areas;
  const k = p.goalsPerArea;
  const goals = new Int32Array(n * m);
  const weights = new Float64Array(n * m);
  for (let a = 0; a < n; a++) {
    for (let j = 0; j < m; j++) {
      goals[a * m + j] = rng.int(k);
      weights[a * m + j] = rng.uniform(0.2, 1);
    }
  }
  const conflicts = Array.from({ length: m }, () => {
    const c = new Float64Array(k * k);
    for (let x = 0; x < k; x++) {
      for (let y = x + 1; y < k; y++) c[x * k + y] = c[y * k + x] = rng.next();
    }
    return c;
  });
  return { n, m, goals, weights, conflicts };
}

/** What sets an assistant apart; its goals and weights live in the population arrays. */
interface AssistantProfile {
  readonly name: string;
  /** Probability that its signal shows the true state. */
  readonly accuracy: number;
  /** Chance that it reaches a better gamble than the principal could. */
  readonly reach: number;
  /** How far its values are bent toward its own goals (0 aligned, 1 fully). */
  readonly distortion: number;
}

function drawAssistants(p: Params, rng: RandomStream): AssistantProfile[] {
  const K = p.assistants;
  const accuracy = Array.from({ length: K }, () => rng.uniform(p.accuracyLow, p.accuracyHigh));
  const reach = Array.from({ length: K }, () => rng.uniform(0, p.maxReach));
  const distortion = Array.from({ length: K }, () => rng.uniform(0, p.maxDistortion));
  return accuracy.map((a, k) => ({ name: assistantName(k), accuracy: a, reach: reach[k], distortion: distortion[k] }));
}

/** What assistant k gains from accepting in principal i's area j: conflict × its weight × distortion. */
function bias(state: State, p: Params, i: number, k: number, j: number): number {
  const { goals, weights, conflicts, m } = state.population;
  const assistant = p.principals + k;
  const gi = goals[i * m + j];
  const gk = goals[assistant * m + j];
  const conflict = gi === NULL_GOAL || gk === NULL_GOAL ? 0 : conflicts[j][gi * p.goalsPerArea + gk];
  return p.biasScale * state.assistants[k].distortion * conflict * weights[assistant * m + j];
}

function decider(state: State, p: Params, i: number, arm: number, j: number): NoisyDecider {
  return arm === 0 ? { accuracy: p.selfAccuracy, bias: 0 } : { accuracy: state.assistants[arm - 1].accuracy, bias: bias(state, p, i, arm - 1, j) };
}

/** Every arm's expected payoff for principal i on this step's problem (an assistant's averaged over its reach), into `state.means`. */
function armExpectations(state: State, p: Params, i: number): void {
  const j = state.area[i];
  const w = state.population.weights[i * p.areas + j];
  const row = i * (p.assistants + 1);
  for (let arm = 0; arm <= p.assistants; arm++) {
    const d = decider(state, p, i, arm, j);
    const plain = expectedPayoff(d, state.gain[i], state.loss[i]);
    const r = arm === 0 ? 0 : state.assistants[arm - 1].reach;
    const reached = r === 0 ? 0 : expectedPayoff(d, state.gain[i] * (1 + p.reachBonus), state.loss[i]);
    state.means[row + arm] = w * ((1 - r) * plain + r * reached);
  }
}

/** Maps a payoff to [0, 1] for the bandit policies. */
function normalise(p: Params, payoff: number): number {
  const high = MAX_STAKE * (1 + p.reachBonus);
  return (payoff + MAX_STAKE) / (high + MAX_STAKE);
}

const REVOKED = delegationTransitions.index('revoked');

/** Which arms principal i may choose, into `available`: itself always, an assistant unless revoked. */
function fillAvailable(state: State, K: number, i: number, available: boolean[]): boolean[] {
  for (let k = 0; k < K; k++) available[k + 1] = state.relationship[i * K + k] !== REVOKED;
  return available;
}

function recordTransition(ctx: StepContext<Params, State>, i: number, k: number, event: 'DELEGATE' | 'CAUGHT' | 'GOOD'): void {
  const index = i * ctx.params.assistants + k;
  const from = ctx.state.relationship[index];
  const to = delegationTransitions.step(from, event);
  if (to === from) return;
  ctx.state.relationship[index] = to;
  ctx.event('lifecycle', `${principalName(i)}/${assistantName(k)}`, {
    from: delegationTransitions.states[from],
    to: delegationTransitions.states[to],
  });
}

export default defineWorld({
  name: 'assistants',
  description: 'principals delegate gambles to AI assistants that differ in accuracy, alignment and reach',
  params,
  defaultSteps: 500,
  estimateMemory,
  init: (p, random) => {
    const rng = random.stream('init');
    const population = buildPopulation(p, rng);
    const groups = new Int32Array(population.n);
    groups.fill(1, p.principals);
    const policy = findPolicy(p.policy);
    const P = p.principals;
    const K = p.assistants;
    return {
      population,
      tracker: new MisalignmentTracker(population, { groups, pairing: p.pairing }),
      assistants: drawAssistants(p, rng),
      policies: Array.from({ length: P }, () =>
        policy.create(policyOptions(p, K + 1, { fixedArm: Math.min(p.fixedAssistant, K), contexts: p.perArea ? p.areas : 1 })),
      ),
      relationship: new Int8Array(P * K).fill(delegationTransitions.initial),
      area: new Int32Array(P),
      good: new Uint8Array(P),
      gain: new Float64Array(P),
      loss: new Float64Array(P),
      signalRight: new Uint8Array(P * (K + 1)),
      reached: new Uint8Array(P * K),
      chosen: new Int32Array(P),
      reasons: new Array(P).fill({}),
      means: new Float64Array(P * (K + 1)),
      oracleMeans: new Array<number>(K + 1).fill(0),
      regret: new RegretLedger(P, K + 1, principalName),
      alignment: new AssistantAlignment(P, K, p.areas),
    };
  },
  interventions: (p) =>
    p.shiftAt > 0 ? [{ t: p.shiftAt, type: 'deployment-shift', subject: assistantName(Math.min(p.shiftAssistant, p.assistants) - 1) }] : [],
  intervene: (ctx, intervention) => {
    if (intervention.type !== 'deployment-shift') return;
    const { state, params: p } = ctx;
    const k = Math.min(p.shiftAssistant, p.assistants) - 1;
    const rng = ctx.random.stream('drift');
    state.assistants = produce(state.assistants, (draft) => {
      draft[k].distortion = 1;
    });
    const { goals, m } = state.population;
    for (let j = 0; j < p.areas; j++) goals[(p.principals + k) * m + j] = rng.int(p.goalsPerArea);
  },
  phases: {
    evolve: (ctx) => {
      const { state, params: p } = ctx;
      const rng = ctx.random.stream('drift');
      const { weights, m } = state.population;
      if (p.weightDrift > 0) {
        for (let i = 0; i < p.principals; i++) {
          for (let j = 0; j < m; j++) {
            const w = weights[i * m + j] + rng.normal(0, p.weightDrift);
            weights[i * m + j] = Math.min(1, Math.max(0, w));
          }
        }
      }
      for (let k = 0; k < p.assistants; k++) {
        for (let j = 0; j < m; j++) {
          if (!rng.bernoulli(p.valueDrift)) continue;
          const goal = rng.int(p.goalsPerArea);
          state.population.goals[(p.principals + k) * m + j] = goal;
          ctx.event('value-drift', assistantName(k), { area: areaName(j), goal });
        }
      }
      // Every problem is drawn whatever is decided, so runs under other policies face the same ones.
      const problems = ctx.random.stream('problems');
      const K = p.assistants;
      for (let i = 0; i < p.principals; i++) {
        state.area[i] = problems.weighted(weights.subarray(i * m, i * m + m));
        state.good[i] = problems.bernoulli(0.5) ? 1 : 0;
        state.gain[i] = problems.uniform(0.5, MAX_STAKE);
        state.loss[i] = problems.uniform(0.5, MAX_STAKE);
        for (let d = 0; d <= K; d++) state.signalRight[i * (K + 1) + d] = problems.bernoulli(d === 0 ? p.selfAccuracy : state.assistants[d - 1].accuracy) ? 1 : 0;
        for (let k = 0; k < K; k++) state.reached[i * K + k] = problems.bernoulli(state.assistants[k].reach) ? 1 : 0;
      }
    },
    decide: (ctx) => {
      const { state, params: p, t } = ctx;
      const random = ctx.random.stream('policy');
      const K = p.assistants;
      const available = new Array<boolean>(K + 1).fill(true);
      const { means, oracleMeans } = state;
      for (let i = 0; i < p.principals; i++) {
        fillAvailable(state, K, i, available);
        armExpectations(state, p, i);
        for (let a = 0; a <= K; a++) oracleMeans[a] = normalise(p, means[i * (K + 1) + a]);
        const choice = state.policies[i].choose({ t, available, random, context: p.perArea ? state.area[i] : 0, oracleMeans });
        state.chosen[i] = choice.arm;
        state.reasons[i] = choice.detail;
      }
    },
    act: (ctx) => {
      const { state, params: p } = ctx;
      const K = p.assistants;
      let welfare = 0;
      let delegated = 0;
      const delegatedTo = new Float64Array(K);
      const available = new Array<boolean>(K + 1).fill(true);
      for (let i = 0; i < p.principals; i++) {
        const arm = state.chosen[i];
        const j = state.area[i];
        const w = state.population.weights[i * p.areas + j];
        const d = decider(state, p, i, arm, j);
        const gain = arm > 0 && state.reached[i * K + arm - 1] ? state.gain[i] * (1 + p.reachBonus) : state.gain[i];
        const right = state.signalRight[i * (K + 1) + arm] === 1;
        const reward = w * realisedPayoff(d, state.good[i] === 1, right, gain, state.loss[i]);
        const means = state.means.subarray(i * (K + 1), (i + 1) * (K + 1));
        const best = state.regret.add(i, arm, means, reward, fillAvailable(state, K, i, available));
        const policy = state.policies[i];
        ctx.decision({
          principal: principalName(i),
          agent: arm === 0 ? null : assistantName(arm - 1),
          policy: policy.name,
          reward,
          bestReward: best,
          // The problem itself (area, stakes, hidden state) is recorded so counterfactual replays can show it unchanged.
          detail: { area: j, gain: state.gain[i], loss: state.loss[i], good: state.good[i] === 1, expected: means[arm], ...state.reasons[i] },
        });
        policy.update(arm, normalise(p, reward), ctx.t, p.perArea ? j : 0);
        if (arm > 0) {
          const k = arm - 1;
          recordTransition(ctx, i, k, 'DELEGATE');
          // The principal audits the act: an acceptance that only the assistant's own bias justified, ending in a loss, is caught.
          const signalGood = right ? state.good[i] === 1 : state.good[i] === 0;
          const biasOnly = accepts(d, signalGood, gain, state.loss[i]) && !accepts({ accuracy: d.accuracy, bias: 0 }, signalGood, gain, state.loss[i]);
          recordTransition(ctx, i, k, biasOnly && reward < 0 ? 'CAUGHT' : 'GOOD');
          delegated += 1;
          delegatedTo[k] += 1;
        }
        welfare += reward;
      }
      const P = p.principals;
      const regret = state.regret.flush(ctx);
      ctx.metric('welfare/principals', welfare / P);
      ctx.metric('welfare_regret/principals', regret.dynamic / P);
      ctx.metric('delegation/share', delegated / P);
      for (let k = 0; k < K; k++) ctx.metric(`delegation/${assistantName(k)}`, delegatedTo[k] / P);
    },
    measure: (ctx) => {
      const { state, params: p } = ctx;
      // Every weight drifts every step, so one exact pass costs no more than incremental edits would.
      state.tracker.recompute();
      ctx.metric('misalignment', state.tracker.overall());
      for (let j = 0; j < p.areas; j++) ctx.metric(`misalignment/${areaName(j)}`, state.tracker.area(j));
      ctx.metric('misalignment/principals-assistants', state.tracker.between(0, 1).overall);
      state.alignment.record((name, value) => ctx.metric(name, value), state.chosen, state.population.weights, (i, k, j) => bias(state, p, i, k, j), principalName);
      ctx.metric('relationships/revoked', state.relationship.reduce((n, s) => n + (s === REVOKED ? 1 : 0), 0));
    },
  },
  snapshot: (state) => ({
    weights: state.population.weights,
    goals: state.population.goals,
    assistants: state.assistants,
    relationships: Array.from(state.relationship, (s) => delegationTransitions.states[s]),
  }),
});
