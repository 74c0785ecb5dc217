import { validateParams } from '../kernel/params.ts';
import { loadWorld } from '../kernel/registry.ts';
import { defaultStepsOf, type AnyWorld, type StepRecord } from '../kernel/world.ts';
import { openForWriting } from './database.ts';
import { recordRun } from './record-run.ts';

export interface RecordOptions {
  /** The recording to add the run to (created, with its folder, if missing). */
  readonly file: string;
  /**
   * The world: a built-in's name, a path to a world module, or a world value. For a value, give
   * `worldFile` (the module it comes from) so that the run can be replayed.
   */
  readonly world: string | AnyWorld;
  readonly worldFile?: string;
  /** Parameters; those not given take the world's defaults. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** The run seed (default 1). */
  readonly seed?: number;
  /** Default: the world's own number of steps. */
  readonly steps?: number;
  /** Store a state snapshot every this many steps (default 100; 0: never). */
  readonly snapshotEvery?: number;
  /** Stops the run between two steps; it is then recorded as interrupted. */
  readonly signal?: AbortSignal;
  readonly onStep?: (record: StepRecord) => void;
}

/** A recorded run (its own type: the public API names no type of the recorder's internals). */
export interface RecordResult {
  readonly runId: string;
  /** completed, failed or interrupted. */
  readonly status: string;
  readonly stepsCompleted: number;
  /** Why a failed run failed. */
  readonly error?: Error;
}

/** Runs a world and records the run into a file, as `alignsim run` does; resolves once it is committed. */
export async function record(options: RecordOptions): Promise<RecordResult> {
  const world = typeof options.world === 'string' ? await loadWorld(options.world) : options.world;
  const worldRef = typeof options.world === 'string' ? options.world : (options.worldFile ?? world.name);
  const params = validateParams(world, { ...options.params });
  const db = openForWriting(options.file);
  try {
    return await recordRun({
      db,
      world,
      worldRef,
      params,
      seed: options.seed ?? 1,
      steps: options.steps ?? defaultStepsOf(world, params),
      snapshotEvery: options.snapshotEvery ?? 100,
      signal: options.signal,
      onStep: options.onStep,
    });
  } finally {
    db.close();
  }
}
