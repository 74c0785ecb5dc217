import { Observable } from 'rxjs';
import { RandomStreams } from './random.ts';
import type {
  AnyWorld,
  DecisionRow,
  EventRow,
  Intervention,
  MetricRow,
  StepContext,
  StepRecord,
} from './world.ts';
import { PHASES } from './world.ts';

export interface SimulationOptions {
  readonly seed: number;
  readonly steps: number;
  /** Take a snapshot every this many steps (and at the last step); 0 = never. */
  readonly snapshotEvery: number;
  /** Interventions in addition to those the world's parameters schedule. */
  readonly interventions?: readonly Intervention[];
}

/** JSON with typed arrays written as plain arrays, so snapshots are readable anywhere. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
}

/** A world's initial state and the run's random streams, before any step. */
export interface InitialState {
  readonly random: RandomStreams;
  readonly state: unknown;
}

/**
 * Builds the initial state. Callers that record do this before touching a recording, so that a
 * world refusing its parameters (an InputError from init) leaves no run behind.
 */
export function initialise(world: AnyWorld, params: Record<string, unknown>, seed: number): InitialState {
  const random = new RandomStreams(seed);
  return { random, state: world.init(params, random) };
}

/**
 * The world loop as a generator: one immutable step record per step, fully determined by the
 * world, its parameters and the seed. Steps are numbered from 1.
 */
export function* simulate(
  world: AnyWorld,
  params: Record<string, unknown>,
  options: SimulationOptions,
  initial: InitialState = initialise(world, params, options.seed),
): Generator<StepRecord> {
  const { random, state } = initial;
  const scheduled = [...(world.interventions?.(params) ?? []), ...(options.interventions ?? [])];
  for (let t = 1; t <= options.steps; t++) {
    const metrics: MetricRow[] = [];
    const decisions: DecisionRow[] = [];
    const events: EventRow[] = [];
    const ctx: StepContext<Record<string, unknown>, unknown> = {
      t,
      params,
      state,
      random,
      metric: (name, value) => metrics.push({ name, value }),
      decision: (d) =>
        decisions.push({
          principal: d.principal,
          choice: d.agent === null ? 'self' : 'delegate',
          agent: d.agent,
          policy: d.policy,
          reward: d.reward,
          bestReward: d.bestReward,
          regret: d.bestReward - d.reward,
          detailJson: JSON.stringify(d.detail ?? {}),
          time: t,
        }),
      event: (type, subject, payload) => events.push({ type, subject, payloadJson: JSON.stringify(payload ?? null), time: t }),
    };
    for (const intervention of scheduled) {
      if (intervention.t !== t) continue;
      ctx.event(intervention.type, intervention.subject, intervention.payload);
      world.intervene?.(ctx, intervention);
    }
    for (const phase of PHASES) world.phases[phase]?.(ctx);
    const snapshotDue =
      world.snapshot !== undefined && options.snapshotEvery > 0 && (t % options.snapshotEvery === 0 || t === options.steps);
    yield Object.freeze({
      t,
      time: t,
      metrics: Object.freeze(metrics),
      decisions: Object.freeze(decisions),
      events: Object.freeze(events),
      snapshotJson: snapshotDue ? stableJson(world.snapshot!(state)) : null,
    });
  }
}

/**
 * The loop as an rxjs stream. Each step runs in its own macrotask, so a signal handler or an
 * unsubscribe stops the run between two whole steps, never inside one.
 */
export function run$(
  world: AnyWorld,
  params: Record<string, unknown>,
  options: SimulationOptions,
  initial?: InitialState,
): Observable<StepRecord> {
  return new Observable<StepRecord>((subscriber) => {
    const steps = simulate(world, params, options, initial);
    let handle: NodeJS.Immediate | undefined;
    const pump = (): void => {
      try {
        const next = steps.next();
        if (next.done) {
          subscriber.complete();
          return;
        }
        subscriber.next(next.value);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      if (!subscriber.closed) handle = setImmediate(pump);
    };
    handle = setImmediate(pump);
    return () => {
      if (handle) clearImmediate(handle);
      steps.return(undefined);
    };
  });
}
