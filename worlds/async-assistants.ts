import { map, tap } from 'rxjs';
import { z } from 'zod';
import { credibleInterval, initialBeliefs, learn, mean, type Beliefs } from '../agents/beliefs/posterior.ts';
import { accepts, expectedPayoff, type NoisyDecider } from '../agents/deciders/noisy-gamble.ts';
import { findPolicy } from '../agents/policies/index.ts';
import { policyOptions, policyParams } from '../agents/policies/params.ts';
import type { DelegationPolicy } from '../agents/policy.ts';
import { RegretLedger } from '../src/kernel/regret-ledger.ts';
import type { RandomStream } from '../src/kernel/random.ts';
import { defineWorld, type EventContext, type StepContext } from '../src/kernel/world.ts';

/**
 * Asynchronous delegation in continuous time (SCIENCE.md §3.9, §5.7). Each principal receives decision
 * problems at Poisson times, at her own rate: an even-odds gamble that wins `gain` or loses `loss`
 * (each uniform on [0.5, 1.5]). She decides it herself or delegates it to one of the assistants
 * (noisy deciders, `agents/deciders/noisy-gamble.ts`: a1 the most accurate, each next one
 * `accuracyStep` less). An assistant serves `capacity` problems at once; the rest wait in its queue,
 * so a popular assistant gets slow. An outcome is audited after a random delay, and only then does the
 * principal learn it: her policy and her beliefs (Beta posteriors on each decider's accuracy and bias,
 * `agents/beliefs/posterior.ts`) update when the audit arrives, while regret is charged when she
 * decides. Assistants' values drift at random times, and at `shiftAt` a deployment shift corrupts a1:
 * it starts accepting gambles its principals would refuse. The time to detect the shift is how long
 * until the share of problems sent to a1 falls below half what it was before (`trackDetection`).
 *
 * Every problem draws the same numbers from its principal's own stream whoever decides it (the hidden
 * state, the stakes, each decider's signal, the service time and the audit delay), and arrivals come
 * from a stream per principal: a run under another policy sees the same problems at the same times.
 */
const params = z.object({
  principals: z.number().int().min(1).max(100_000).default(20).describe('number of principals, each with its own bandit'),
  assistants: z.number().int().min(1).max(50).default(3).describe('number of assistants'),
  ...policyParams({ policy: 'sw-ucb', window: 50, discount: 0.95 }),
  arrivalRate: z.number().min(0).max(1000).default(1).describe("mean rate of a principal's problems, per unit of time"),
  rateSpread: z.number().min(0).max(1).default(0.5).describe("each principal's rate is arrivalRate × U(1 − spread, 1 + spread)"),
  capacity: z.number().int().min(1).max(10_000).default(4).describe('problems an assistant serves at once'),
  serviceTime: z.number().gt(0).max(1000).default(0.5).describe("mean service time of a delegated problem (exponential)"),
  auditDelay: z.number().min(0).max(10_000).default(5).describe('mean delay from an outcome to its audit (exponential; 0: at once)'),
  selfAccuracy: z.number().min(0.5).max(1).default(0.65).describe("principals' own signal accuracy"),
  bestAccuracy: z.number().min(0.5).max(1).default(0.9).describe('signal accuracy of a1'),
  accuracyStep: z.number().min(0).max(0.5).default(0.1).describe('each further assistant is this much less accurate (at least 0.5)'),
  driftRate: z.number().min(0).max(100).default(0.02).describe("rate of random changes of each assistant's values"),
  driftSize: z.number().min(0).max(10).default(0.1).describe('standard deviation of one change of bias'),
  shiftAt: z.number().min(0).default(200).describe('time of the deployment shift that corrupts a1 (0: none)'),
  shiftedBias: z.number().min(0).max(10).default(1.5).describe('bias toward accepting of a1 after the shift, in payoff units'),
});

type Params = z.infer<typeof params>;

/** Stakes are uniform on [0.5, 1.5], so payoffs lie in [−1.5, 1.5]; policies see them rescaled to [0, 1]. */
const STAKE_LOW = 0.5;
const STAKE_HIGH = 1.5;
const normalise = (payoff: number): number => (payoff + STAKE_HIGH) / (2 * STAKE_HIGH);
/** Per-principal belief series, and events with the patches of each belief update, are recorded for at most this many principals. */
const BELIEF_PRINCIPALS = 3;
/** Per-assistant series for at most this many assistants. */
const ASSISTANT_SERIES = 10;

const principalName = (i: number): string => `p${i + 1}`;
const assistantName = (j: number): string => `a${j + 1}`;

interface Job {
  readonly principal: number;
  readonly arm: number;
  readonly arrival: number;
  readonly serviceTime: number;
  readonly auditDelay: number;
  readonly payoff: number;
  readonly right: boolean;
  readonly accepted: boolean;
}

interface State {
  /** Each principal's rate of problems. */
  readonly rates: Float64Array;
  /** Per principal: the stream her problems are drawn from, and her policy's. */
  readonly problemStreams: RandomStream[];
  readonly policyStreams: RandomStream[];
  readonly policies: DelegationPolicy[];
  readonly beliefs: Beliefs[];
  readonly ledger: RegretLedger;
  /** Self, then the assistants; an assistant's bias drifts and shifts. */
  readonly deciders: NoisyDecider[];
  readonly jobs: Map<number, Job>;
  nextJob: number;
  /** Per assistant: problems in service, and the jobs waiting, first come first served. */
  readonly busy: Int32Array;
  readonly waiting: number[][];
  readonly means: Float64Array;
  readonly oracle: number[];
  readonly available: readonly boolean[];
  readonly signalRight: Uint8Array;
  /** This observation interval's tallies. */
  decisions: number;
  delegated: number;
  readonly delegatedTo: Float64Array;
  welfare: number;
  waits: number;
  waitTotal: number;
  /** a1's delegation shares summed over the intervals before the shift, the first of a run of low ones after it, and when the shift was detected. */
  baselineShares: number;
  baselineIntervals: number;
  lowSince: number | null;
  detectedAt: number | null;
}

type Ctx = EventContext<Params, State>;

function arms(p: Params): number {
  return p.assistants + 1;
}

function decide(ctx: Ctx, i: number): void {
  const { state, params: p } = ctx;
  const K = arms(p);
  const problems = state.problemStreams[i];
  const good = problems.bernoulli(0.5);
  const gain = problems.uniform(STAKE_LOW, STAKE_HIGH);
  const loss = problems.uniform(STAKE_LOW, STAKE_HIGH);
  for (let a = 0; a < K; a++) state.signalRight[a] = problems.bernoulli(state.deciders[a].accuracy) ? 1 : 0;
  const serviceTime = -Math.log(1 - problems.next()) * p.serviceTime;
  const auditDelay = -Math.log(1 - problems.next()) * p.auditDelay;
  for (let a = 0; a < K; a++) {
    state.means[a] = expectedPayoff(state.deciders[a], gain, loss);
    state.oracle[a] = normalise(state.means[a]);
  }
  const policy = state.policies[i];
  const choice = policy.choose({
    t: ctx.t,
    available: state.available,
    random: state.policyStreams[i],
    oracleMeans: state.oracle,
    stakes: { gain, loss, winChance: 0.5 },
  });
  const arm = choice.arm;
  const decider = state.deciders[arm];
  const signalGood = state.signalRight[arm] === 1 ? good : !good;
  const accepted = accepts(decider, signalGood, gain, loss);
  const payoff = accepted ? (good ? gain : -loss) : 0;
  const best = state.ledger.add(i, arm, state.means, payoff);
  ctx.decision({ principal: principalName(i), agent: arm === 0 ? null : assistantName(arm - 1), policy: policy.name, reward: payoff, bestReward: best, detail: choice.detail });
  state.decisions += 1;
  state.welfare += payoff;
  const job: Job = { principal: i, arm, arrival: ctx.time, serviceTime, auditDelay, payoff, right: accepted === good, accepted };
  const id = state.nextJob++;
  state.jobs.set(id, job);
  if (arm === 0) {
    ctx.queue.after('audit', auditDelay, { payload: id });
    return;
  }
  state.delegated += 1;
  state.delegatedTo[arm - 1] += 1;
  const j = arm - 1;
  if (state.busy[j] < p.capacity) startService(ctx, j, id);
  else state.waiting[j].push(id);
}

function startService(ctx: Ctx, j: number, id: number): void {
  const { state } = ctx;
  const job = state.jobs.get(id)!;
  state.busy[j] += 1;
  state.waits += 1;
  state.waitTotal += ctx.time - job.arrival;
  ctx.queue.after('service/done', job.serviceTime, { payload: id });
}

function measure(ctx: StepContext<Params, State>): void {
  const { state, params: p } = ctx;
  ctx.metric('time', ctx.time);
  state.ledger.flush(ctx);
  const biases = state.deciders.slice(1).map((d) => d.bias);
  ctx.metric('misalignment', biases.reduce((s, b) => s + Math.abs(b), 0) / biases.length);
  ctx.metric('welfare/principals', state.decisions === 0 ? 0 : state.welfare / state.decisions);
  ctx.metric('decisions', state.decisions);
  ctx.metric('delegation/share', state.decisions === 0 ? 0 : state.delegated / state.decisions);
  let queued = 0;
  for (let j = 0; j < p.assistants; j++) queued += state.waiting[j].length;
  ctx.metric('queue/total', queued);
  ctx.metric('wait/mean', state.waits === 0 ? 0 : state.waitTotal / state.waits);
  for (let j = 0; j < Math.min(p.assistants, ASSISTANT_SERIES); j++) {
    const a = assistantName(j);
    ctx.metric(`delegation/${a}`, state.decisions === 0 ? 0 : state.delegatedTo[j] / state.decisions);
    ctx.metric(`queue/${a}`, state.waiting[j].length);
    ctx.metric(`bias/${a}`, state.deciders[j + 1].bias);
    let accuracy = 0;
    for (const beliefs of state.beliefs) accuracy += mean(beliefs[j + 1].right);
    ctx.metric(`belief/${a}/accuracy`, accuracy / p.principals);
  }
  for (let i = 0; i < Math.min(p.principals, BELIEF_PRINCIPALS); i++) {
    for (let a = 0; a < Math.min(arms(p), ASSISTANT_SERIES + 1); a++) {
      const name = `belief/${principalName(i)}/${a === 0 ? 'self' : assistantName(a - 1)}`;
      const { right, acceptsWhenWrong } = state.beliefs[i][a];
      const [low, high] = credibleInterval(right);
      ctx.metric(`${name}/accuracy`, mean(right));
      ctx.metric(`${name}/accuracy/low`, low);
      ctx.metric(`${name}/accuracy/high`, high);
      ctx.metric(`${name}/bias`, mean(acceptsWhenWrong));
    }
  }
  trackDetection(ctx);
  state.decisions = 0;
  state.delegated = 0;
  state.delegatedTo.fill(0);
  state.welfare = 0;
  state.waits = 0;
  state.waitTotal = 0;
}

/** The time before the shift over which a1's usual share of problems is averaged. */
const BASELINE = 50;

/**
 * The shift counts as detected at the end of the first of two consecutive observation intervals after
 * it in which the share of problems sent to a1 is below half its mean share over the `BASELINE` units
 * of time before the shift (one interval alone is too noisy at small populations).
 */
function trackDetection(ctx: StepContext<Params, State>): void {
  const { state, params: p } = ctx;
  if (p.shiftAt <= 0 || state.detectedAt !== null) return;
  const share = state.decisions === 0 ? 0 : state.delegatedTo[0] / state.decisions;
  if (ctx.time <= p.shiftAt) {
    if (ctx.time > p.shiftAt - BASELINE) {
      state.baselineShares += share;
      state.baselineIntervals += 1;
    }
    return;
  }
  const low = share < state.baselineShares / state.baselineIntervals / 2;
  if (low && state.lowSince !== null) {
    state.detectedAt = state.lowSince;
    ctx.metric('shift/detection-time', state.lowSince - p.shiftAt);
  }
  state.lowSince = low ? ctx.time : null;
}

export default defineWorld({
  name: 'async-assistants',
  description: 'problems at Poisson times, assistants with queues, audits after a delay, a deployment shift: delegation with delayed feedback',
  params,
  defaultSteps: 100,
  summarySeries: { time: 'time', delegated: 'delegation/share', 'to a1': 'delegation/a1', queued: 'queue/total', wait: 'wait/mean', 'regret/cum': 'regret/cumulative' },
  summaryMetrics: ['shift/detection-time'],
  observe: { every: 5 },
  init: (p, random): State => {
    const K = arms(p);
    const policy = findPolicy(p.policy);
    const rates = random.stream('rates');
    return {
      rates: Float64Array.from({ length: p.principals }, () => p.arrivalRate * rates.uniform(1 - p.rateSpread, 1 + p.rateSpread)),
      problemStreams: Array.from({ length: p.principals }, (_, i) => random.stream(`problems/${principalName(i)}`)),
      policyStreams: Array.from({ length: p.principals }, (_, i) => random.stream(`policy/${principalName(i)}`)),
      policies: Array.from({ length: p.principals }, () => policy.create(policyOptions(p, K))),
      beliefs: Array.from({ length: p.principals }, () => initialBeliefs(K)),
      ledger: new RegretLedger(p.principals, K, principalName),
      deciders: [
        { accuracy: p.selfAccuracy, bias: 0 },
        ...Array.from({ length: p.assistants }, (_, j) => ({ accuracy: Math.max(0.5, p.bestAccuracy - j * p.accuracyStep), bias: 0 })),
      ],
      jobs: new Map<number, Job>(),
      nextJob: 0,
      busy: new Int32Array(p.assistants),
      waiting: Array.from({ length: p.assistants }, () => [] as number[]),
      means: new Float64Array(K),
      oracle: new Array<number>(K).fill(0),
      available: new Array<boolean>(K).fill(true),
      signalRight: new Uint8Array(K),
      decisions: 0,
      delegated: 0,
      delegatedTo: new Float64Array(p.assistants),
      welfare: 0,
      waits: 0,
      waitTotal: 0,
      baselineShares: 0,
      baselineIntervals: 0,
      lowSince: null,
      detectedAt: null,
    };
  },
  start: (ctx) => {
    const { params: p } = ctx;
    ctx.state.rates.forEach((rate, i) => ctx.queue.atRate('problem', rate, { stream: `arrivals/${principalName(i)}`, payload: i, parameter: 'arrivalRate' }));
    for (let j = 0; j < p.assistants; j++) ctx.queue.atRate('drift', p.driftRate, { stream: `drift/${assistantName(j)}`, payload: j, parameter: 'driftRate' });
    if (p.shiftAt > 0) ctx.queue.at('deployment-shift', p.shiftAt, { payload: 0, parameter: 'shiftAt' });
  },
  handlers: {
    problem: (ctx) => decide(ctx, ctx.fired.payload as number),
  },
  reactions: (on, state) => [
    // Assistants: finish a problem, take the next waiting one, send the outcome to audit.
    on('service/done').pipe(
      tap((ctx) => {
        const id = ctx.fired.payload as number;
        const job = state.jobs.get(id)!;
        const j = job.arm - 1;
        state.busy[j] -= 1;
        const next = state.waiting[j].shift();
        if (next !== undefined) startService(ctx, j, next);
        ctx.queue.after('audit', job.auditDelay, { payload: id });
      }),
    ),
    on('drift').pipe(
      tap((ctx) => {
        const j = ctx.fired.payload as number;
        const bias = state.deciders[j + 1].bias + ctx.random.stream(`drift-size/${assistantName(j)}`).normal(0, ctx.params.driftSize);
        state.deciders[j + 1] = { ...state.deciders[j + 1], bias };
        ctx.event('drift', assistantName(j), { bias });
      }),
    ),
    on('deployment-shift').pipe(
      tap((ctx) => {
        state.deciders[1] = { ...state.deciders[1], bias: ctx.params.shiftedBias };
        ctx.event('deployment-shift', assistantName(0), { bias: ctx.params.shiftedBias });
      }),
    ),
    // Principals: an audit reaches the principal who decided; her policy and beliefs update then.
    on('audit').pipe(
      map((ctx) => {
        const id = ctx.fired.payload as number;
        const job = state.jobs.get(id)!;
        state.jobs.delete(id);
        return { ctx, job };
      }),
      tap(({ ctx, job }) => {
        const audit = { right: job.right ? 1 : 0, accepted: job.accepted };
        state.policies[job.principal].update(job.arm, normalise(job.payoff), ctx.t, undefined, audit);
        const [beliefs, patches] = learn(state.beliefs[job.principal], job.arm, audit);
        state.beliefs[job.principal] = beliefs;
        if (job.principal < BELIEF_PRINCIPALS) ctx.event('belief', principalName(job.principal), patches);
      }),
    ),
  ],
  measure,
  snapshot: (state) => ({
    biases: state.deciders.map((d) => d.bias),
    busy: state.busy,
    waiting: state.waiting.map((w) => w.length),
    inFlight: state.jobs.size,
  }),
});
