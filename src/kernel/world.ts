import type { z } from 'zod';
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
}

/** One state change (drift, shock, lifecycle transition, intervention), recorded in `events`. */
export interface EventRow {
  readonly type: string;
  readonly subject: string;
  readonly payloadJson: string;
}

/** Everything one step produced. Immutable once emitted. */
export interface StepRecord {
  readonly t: number;
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
  readonly t: number;
  readonly params: P;
  /** Mutable during the phases; large numeric state lives in typed arrays updated in place. */
  readonly state: S;
  readonly random: RandomStreams;
  metric(name: string, value: number): void;
  decision(decision: DecisionInput): void;
  event(type: string, subject: string, payload?: unknown): void;
}

export type Phase<P, S> = (ctx: StepContext<P, S>) => void;

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
  readonly phases: Partial<Record<PhaseName, Phase<z.infer<Schema>, S>>>;
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

/** The steps a run of these parameters takes when the user does not say. */
export function defaultStepsOf(world: AnyWorld, params: Record<string, unknown>): number {
  return world.stepsFor?.(params) ?? world.defaultSteps;
}
