import { createHash } from 'node:crypto';
import { InputError } from '../kernel/errors.ts';
import { availableMemory, formatBytes, type MemoryLimit } from '../kernel/memory.ts';
import { validateParams } from '../kernel/params.ts';
import { loadWorld } from '../kernel/registry.ts';
import { worldReference } from '../kernel/world-reference.ts';
import type { AnyWorld } from '../kernel/world.ts';
import { baseRunId } from '../record/run-log.ts';
import type { SweepSpec } from './spec.ts';

export interface PlannedRun {
  readonly index: number;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  /** The id the recorder gives this run (world, seed and parameters), the same in every shard. */
  readonly runId: string;
}

export interface SweepPlan {
  readonly spec: SweepSpec;
  readonly world: AnyWorld;
  readonly steps: number;
  readonly size: number;
  run(index: number): PlannedRun;
}

/**
 * The seed of replication r: a hash of the sweep seed and r. Every parameter setting meets the
 * same seeds, so settings are compared on common random numbers (paired runs).
 */
export function replicationSeed(sweepSeed: number, replication: number): number {
  const hex = createHash('sha256').update(`alignsim-sweep:${sweepSeed}:${replication}`).digest('hex');
  return Number.parseInt(hex.slice(0, 12), 16);
}

/** The most runs one sweep plans: its run list is held in memory (about a kilobyte a run). */
export const MAX_SWEEP_RUNS = 1_000_000;

/** How many runs a spec plans: settings × grid combinations × replications. */
function plannedRuns(spec: SweepSpec): number {
  const combinations = Object.values(spec.grid).reduce((n, values) => n * values.length, 1);
  return (spec.sets?.length ?? 1) * combinations * spec.replications;
}

interface Setting {
  readonly label: string;
  readonly raw: Record<string, unknown>;
}

/** Settings in run order: each explicit set (base underneath) crossed with every grid combination, the last axis fastest. */
function settings(spec: SweepSpec): Setting[] {
  const axes = Object.entries(spec.grid);
  const sets = spec.sets ?? [{}];
  sets.forEach((set, s) => {
    for (const [key] of axes) {
      if (Object.hasOwn(set, key)) throw new InputError(`sweep spec: field 'sets[${s}].${key}' is also a grid axis: expected each parameter in one place`);
    }
  });
  const combinations = axes.reduce((n, [, values]) => n * values.length, 1);
  const result: Setting[] = [];
  sets.forEach((set, s) => {
    for (let c = 0; c < combinations; c++) {
      const chosen: Record<string, unknown> = Object.create(null);
      let rest = c;
      for (let a = axes.length - 1; a >= 0; a--) {
        const [key, values] = axes[a];
        chosen[key] = values[rest % values.length];
        rest = Math.floor(rest / values.length);
      }
      const gridLabel = axes.map(([key]) => `${key}=${JSON.stringify(chosen[key])}`).join(', ');
      const label = [spec.sets ? `sets[${s}]` : '', gridLabel ? `grid ${gridLabel}` : ''].filter(Boolean).join(' with ') || 'base';
      result.push({ label, raw: { ...spec.base, ...set, ...chosen } });
    }
  });
  return result;
}

/**
 * Memory a sweep takes per run of its plan while it runs (the run's entry in this process's
 * list, its id, its status read back from the recordings), measured with room to spare.
 */
export const BYTES_PER_PLANNED_RUN = 400;

/** Refuses, before anything is allocated, a sweep of more than MAX_SWEEP_RUNS runs or whose run list alone would not fit in memory. */
function checkPlanSize(spec: SweepSpec, memory: MemoryLimit): void {
  const size = plannedRuns(spec);
  if (size > MAX_SWEEP_RUNS) {
    throw new InputError(`sweep spec: ${size.toLocaleString('en')} runs (settings × replications): expected at most ${MAX_SWEEP_RUNS.toLocaleString('en')}; split it into several sweeps`);
  }
  const bytes = size * BYTES_PER_PLANNED_RUN;
  if (bytes > memory.bytes) {
    throw new InputError(
      `sweep spec: ${size.toExponential(2)} runs (settings × replications) need about ${formatBytes(bytes)} of memory to plan, more than ${memory.source} (${formatBytes(memory.bytes)}): expected fewer replications or settings, or a sweep split into several`,
    );
  }
}

/**
 * The run list of a sweep, a pure function index → (params, seed): run i is setting
 * ⌊i / replications⌋ with replication i mod replications. Every setting is validated against the
 * world's schema here, before anything runs. Run ids name the world as recordings in
 * `recordingDir` do (see worldReference).
 */
export async function planSweep(spec: SweepSpec, recordingDir: string, memory: MemoryLimit = availableMemory()): Promise<SweepPlan> {
  checkPlanSize(spec, memory);
  const world = await loadWorld(spec.world);
  const worldRef = worldReference(spec.world, world, recordingDir);
  const seen = new Map<string, string>();
  const validated = settings(spec).map(({ label, raw }) => {
    let params: Record<string, unknown>;
    try {
      params = validateParams(world, raw);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`sweep spec, ${label}: ${error.message}`);
      throw error;
    }
    const paramsJson = JSON.stringify(params);
    const earlier = seen.get(paramsJson);
    if (earlier !== undefined) throw new InputError(`sweep spec: ${label} gives the same parameters as ${earlier}: expected distinct settings`);
    seen.set(paramsJson, label);
    return { params, paramsJson };
  });
  const seeds = Array.from({ length: spec.replications }, (_, r) => replicationSeed(spec.seed, r));
  const steps = spec.steps ?? world.defaultSteps;
  return {
    spec,
    world,
    steps,
    size: validated.length * spec.replications,
    run(index) {
      const { params, paramsJson } = validated[Math.floor(index / spec.replications)];
      const seed = seeds[index % spec.replications];
      const runId = baseRunId({ world: worldRef, seed, paramsJson, stepsRequested: steps, snapshotEvery: spec.snapshotEvery, detail: spec.detail });
      return { index, params, seed, runId };
    },
  };
}
