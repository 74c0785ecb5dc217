import type { Observable } from 'rxjs';
import type { z } from 'zod';
import { InputError } from './errors.ts';
import type { EventQueue, ScheduledEvent } from './event-queue.ts';
import type { RandomStreams } from './random.ts';

/** One per-step scalar, recorded in `metrics(run_id, t, name, value)`. */
export interface MetricRow {
  readonly name: string;
  readonly value: number;
}

/** One delegation decision, recorded in `decisions`. */
export interface DecisionRow {
  readonly principal: string;
  readonly choice: 'self' | 'delegate';
  readonly agent: string | null;
  readonly policy: string;
  readonly reward: number;
  /** The reward an oracle knowing every decider's true quality expects on this problem. */
  readonly bestReward: number;
  readonly regret: number;
  /** The policy's reasons, already serialised (decisions.detail_json). */
  readonly detailJson: string;
  /** The simulation time of the decision. */
  readonly time: number;
}

/** One state change (drift, shock, lifecycle transition, intervention), recorded in `events`. */
export interface EventRow {
  readonly type: string;
  readonly subject: string;
  readonly payloadJson: string;
  /** The simulation time of the change. */
  readonly time: number;
}

/**
 * Everything one step produced: in an event-driven world, everything between two observations.
 * Immutable once emitted.
 */
export interface StepRecord {
  /** The record's index, from 1 (the "step" of the command line). */
  readonly t: number;
  /** The simulation time of the observation that closed the record (t itself in a stepped world). */
  readonly time: number;
  readonly metrics: readonly MetricRow[];
  readonly decisions: readonly DecisionRow[];
  readonly events: readonly EventRow[];
  /** The world's snapshot at the end of this step, when one was taken. */
  readonly snapshotJson: string | null;
}

/** A scheduled intervention: enters the step it names, before the evolve phase. */
export interface Intervention {
  readonly t: number;
  readonly type: string;
  readonly subject: string;
  readonly payload?: unknown;
}

export interface DecisionInput {
  readonly principal: string;
  readonly agent: string | null;
  readonly policy: string;
  readonly reward: number;
  readonly bestReward: number;
  readonly detail?: Record<string, unknown>;
}

/** What a phase sees: the step, the world's parameters and state, its random streams and the recording hooks. */
export interface StepContext<P, S> {
  /** The index of the record being filled, from 1. */
  readonly t: number;
  /** The simulation time now. */
  readonly time: number;
  readonly params: P;
  /** Mutable during the phases; large numeric state lives in typed arrays updated in place. */
  readonly state: S;
  readonly random: RandomStreams;
  metric(name: string, value: number): void;
  decision(decision: DecisionInput): void;
  event(type: string, subject: string, payload?: unknown): void;
}

export type Phase<P, S> = (ctx: StepContext<P, S>) => void;

/** What an event handler sees: the step context at the event's time, the event, and the queue to schedule more. */
export interface EventContext<P, S> extends StepContext<P, S> {
  readonly fired: ScheduledEvent;
  readonly queue: EventQueue;
}

export type EventHandler<P, S> = (ctx: EventContext<P, S>) => void;

/** The stream of fired events of one type; the same context object is reused, so read it when it arrives. */
export type EventStreams<P, S> = (type: string) => Observable<EventContext<P, S>>;

/**
 * When an event-driven world closes a record and takes its measures: every `every` units of
 * simulation time, after each event of the types in `on`, or both.
 */
export interface Observation {
  readonly every?: number;
  readonly on?: readonly string[];
}

/** The fixed order in which a step runs its phases. */
export const PHASES = ['evolve', 'decide', 'act', 'observe', 'measure'] as const;
export type PhaseName = (typeof PHASES)[number];

export interface WorldDefinition<Schema extends z.AnyZodObject = z.AnyZodObject, S = unknown> {
  readonly name: string;
  readonly description: string;
  /** Parameters with defaults and validation; `--set k=v` is typed by this schema. */
  readonly params: Schema;
  /** Steps run when the user does not say. */
  readonly defaultSteps: number;
  /** Steps run when the user does not say, when they depend on the parameters (else defaultSteps). */
  stepsFor?(params: z.infer<Schema>): number;
  /**
   * Bytes a run of these parameters takes beyond the engine's own (its state, and the records of
   * the steps in flight), for a world whose size grows with its parameters. Computed from the
   * parameters alone, before anything is allocated: a run that would not fit is refused.
   */
  estimateMemory?(params: z.infer<Schema>): number;
  /** Builds the initial state from the parameters and the run's random streams. */
  init(params: z.infer<Schema>, random: RandomStreams): S;
  /** The fixed phases of a stepped world, run by one periodic event at times 1, 2, 3, … */
  readonly phases?: Partial<Record<PhaseName, Phase<z.infer<Schema>, S>>>;
  /** Schedules an event-driven world's first events (at time 0, before any fires). */
  start?(ctx: EventContext<z.infer<Schema>, S>): void;
  /** The world's own handler per event type; runs before the reactions to the same event. */
  readonly handlers?: Readonly<Record<string, EventHandler<z.infer<Schema>, S>>>;
  /**
   * How principals and assistants react to events: pipelines built from the per-type streams (filter
   * to the events that concern them, then act in `tap`). Errors inside them end the run.
   */
  reactions?(on: EventStreams<z.infer<Schema>, S>, state: S, params: z.infer<Schema>): readonly Observable<unknown>[];
  /** When an event-driven world records; a stepped world records after each step. */
  readonly observe?: Observation;
  /** An event-driven world's measures, taken at each observation. */
  readonly measure?: Phase<z.infer<Schema>, S>;
  /** Interventions the parameters schedule (a shock at step 50, a policy switch). */
  interventions?(params: z.infer<Schema>): readonly Intervention[];
  /** Applies one intervention to the state. */
  intervene?(ctx: StepContext<z.infer<Schema>, S>, intervention: Intervention): void;
  /** A JSON-able view of the state for `snapshots`; without it no snapshots are taken. */
  snapshot?(state: S): unknown;
  /** Series the run summary tabulates step by step, as column label → metric name. */
  readonly summarySeries?: Readonly<Record<string, string>>;
  /** Metrics the run summary shows once, at the last step each was recorded (a one-shot result at step 1). */
  readonly summaryMetrics?: readonly string[];
}

/** Declares a world; the identity function, there for type inference. */
export function defineWorld<Schema extends z.AnyZodObject, S>(
  world: WorldDefinition<Schema, S>,
): WorldDefinition<Schema, S> {
  return world;
}

export type AnyWorld = WorldDefinition<any, any>;

/** The simulation time between two records when it is fixed (1 for a stepped world), else undefined. */
export function observationInterval(world: AnyWorld): number | undefined {
  if (world.phases !== undefined) return 1;
  return world.observe?.on?.length ? undefined : world.observe?.every;
}

/** The number of records a run ending at simulation time `until` takes: the observations at or before it. */
export function stepsUntil(world: AnyWorld, until: number): number {
  const interval = observationInterval(world);
  if (interval === undefined) {
    throw new InputError(`--until ${until}: world '${world.name}' records on events, not at a fixed interval: expected --steps N instead`);
  }
  const steps = Math.floor(until / interval);
  if (steps < 1) throw new InputError(`--until ${until}: expected a time at or after the first observation, at ${interval}`);
  return steps;
}

/** The steps a run of these parameters takes when the user does not say. */
export function defaultStepsOf(world: AnyWorld, params: Record<string, unknown>): number {
  return world.stepsFor?.(params) ?? world.defaultSteps;
}
