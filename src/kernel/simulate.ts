import { Observable, Subject, tap } from 'rxjs';
import { EventQueue, type ScheduledEvent } from './event-queue.ts';
import { RandomStreams } from './random.ts';
import type { AnyWorld, DecisionRow, EventContext, EventRow, Intervention, MetricRow, StepRecord } from './world.ts';
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

/** Event types the kernel schedules or records itself. */
export const KERNEL_EVENTS = {
  /** A stepped world's step: runs the fixed phases, then closes the step's record. */
  step: 'step',
  /** A periodic observation of an event-driven world: takes its measures and closes a record. */
  observe: 'observe',
  /** A scheduled intervention in an event-driven world. */
  intervention: 'intervention',
  /** Recorded when a run ends because no event is left to fire. */
  end: 'run/end',
} as const;

/** Observations fire after every other event at the same time. */
const LAST = Number.MAX_SAFE_INTEGER;

type Context = EventContext<Record<string, unknown>, unknown> & { t: number; time: number; fired: ScheduledEvent };

/**
 * One run of a world: the event queue, the per-type event streams that handlers and reactions
 * subscribe to, and the rows of the record being filled.
 */
class WorldRun {
  private readonly queue: EventQueue;
  private readonly ctx: Context;
  private readonly streams = new Map<string, Subject<Context>>();
  private readonly observeOn: ReadonlySet<string>;
  /** Events of the kernel's own that recur forever (a periodic observation); when only they are left, the run ends. */
  private readonly ownRecurring: number;
  private readonly interventions: readonly Intervention[];
  private metrics: MetricRow[] = [];
  private decisions: DecisionRow[] = [];
  private events: EventRow[] = [];
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly world: AnyWorld,
    params: Record<string, unknown>,
    private readonly options: SimulationOptions,
    { random, state }: InitialState,
  ) {
    this.queue = new EventQueue(random);
    const stepped = world.phases !== undefined;
    this.interventions = [...(world.interventions?.(params) ?? []), ...(options.interventions ?? [])];
    this.ctx = {
      t: 1,
      time: 0,
      params,
      state,
      random,
      queue: this.queue,
      fired: { type: 'run/start', time: 0, priority: 0, seq: -1, payload: null },
      metric: (name, value) => this.metrics.push({ name, value }),
      decision: (d) =>
        this.decisions.push({
          principal: d.principal,
          choice: d.agent === null ? 'self' : 'delegate',
          agent: d.agent,
          policy: d.policy,
          reward: d.reward,
          bestReward: d.bestReward,
          regret: d.bestReward - d.reward,
          detailJson: JSON.stringify(d.detail ?? {}),
          time: this.ctx.time,
        }),
      event: (type, subject, payload) => this.events.push({ type, subject, payloadJson: JSON.stringify(payload ?? null), time: this.ctx.time }),
    };
    const on = (type: string): Observable<Context> => this.stream(type).asObservable();
    for (const [type, handler] of Object.entries(world.handlers ?? {})) this.watch(on(type).pipe(tap(handler)));
    for (const reaction of world.reactions?.(on, state, params) ?? []) this.watch(reaction);
    const observeOn = new Set(world.observe?.on ?? []);
    if (stepped) {
      this.queue.every(KERNEL_EVENTS.step, 1, 1);
      observeOn.add(KERNEL_EVENTS.step);
    } else {
      if (world.observe?.every !== undefined) {
        this.queue.every(KERNEL_EVENTS.observe, world.observe.every, world.observe.every, { priority: LAST });
        observeOn.add(KERNEL_EVENTS.observe);
      }
      for (const intervention of this.interventions) this.queue.at(KERNEL_EVENTS.intervention, intervention.t, { payload: intervention, priority: -1 });
    }
    this.observeOn = observeOn;
    this.ownRecurring = !stepped && world.observe?.every !== undefined ? 1 : 0;
    world.start?.(this.ctx);
  }

  *records(): Generator<StepRecord> {
    while (this.ctx.t <= this.options.steps) {
      const event = this.queue.size > this.ownRecurring ? this.queue.pop() : undefined;
      if (event === undefined) {
        this.ctx.event(KERNEL_EVENTS.end, 'run', { reason: 'queue empty' });
        yield this.close(true);
        return;
      }
      this.ctx.fired = event;
      this.ctx.time = event.time;
      this.dispatch(event);
      if (this.observeOn.has(event.type)) yield this.close(this.ctx.t === this.options.steps);
    }
  }

  private dispatch(event: ScheduledEvent): void {
    const { ctx, world } = this;
    if (event.type === KERNEL_EVENTS.step && world.phases !== undefined) {
      for (const intervention of this.interventions) if (intervention.t === ctx.t) this.intervene(intervention);
      for (const phase of PHASES) world.phases[phase]?.(ctx);
    } else if (event.type === KERNEL_EVENTS.intervention && world.phases === undefined) {
      this.intervene(event.payload as Intervention);
    }
    this.streams.get(event.type)?.next(ctx);
    if (this.failure) throw this.failure.error;
  }

  private intervene(intervention: Intervention): void {
    this.ctx.event(intervention.type, intervention.subject, intervention.payload);
    this.world.intervene?.(this.ctx, intervention);
  }

  private close(last: boolean): StepRecord {
    const { ctx, world, options } = this;
    if (world.phases === undefined) world.measure?.(ctx);
    const snapshotDue = world.snapshot !== undefined && options.snapshotEvery > 0 && (ctx.t % options.snapshotEvery === 0 || last);
    const record = Object.freeze({
      t: ctx.t,
      time: ctx.time,
      metrics: Object.freeze(this.metrics),
      decisions: Object.freeze(this.decisions),
      events: Object.freeze(this.events),
      snapshotJson: snapshotDue ? stableJson(world.snapshot!(ctx.state)) : null,
    });
    this.metrics = [];
    this.decisions = [];
    this.events = [];
    ctx.t += 1;
    return record;
  }

  private stream(type: string): Subject<Context> {
    let subject = this.streams.get(type);
    if (!subject) {
      subject = new Subject<Context>();
      this.streams.set(type, subject);
    }
    return subject;
  }

  /** Subscribes to a handler or reaction pipeline; an error thrown inside it stops the run at this event. */
  private watch(pipeline: Observable<unknown>): void {
    pipeline.subscribe({ error: (error: unknown) => (this.failure ??= { error }) });
  }
}

/**
 * The world loop as a generator: one immutable record per observation (per step in a stepped
 * world), fully determined by the world, its parameters and the seed. Records are numbered from 1.
 * The run ends after `steps` records, or earlier when no event is left to fire.
 */
export function* simulate(
  world: AnyWorld,
  params: Record<string, unknown>,
  options: SimulationOptions,
  initial: InitialState = initialise(world, params, options.seed),
): Generator<StepRecord> {
  yield* new WorldRun(world, params, options, initial).records();
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
