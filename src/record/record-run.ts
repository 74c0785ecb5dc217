import { dirname } from 'node:path';
import type { Subscription } from 'rxjs';
import { filter } from 'rxjs/internal/operators/filter';
import { worldReference } from '../kernel/world-reference.ts';
import { run$, type InitialState, type SimulationOptions } from '../kernel/simulate.ts';
import type { RunStatus } from '../kernel/lifecycles.ts';
import type { AnyWorld, StepRecord } from '../kernel/world.ts';
import type { Recording } from './database.ts';
import type { RunRow } from './reader.ts';
import type { DetailLevel } from './detail.ts';
import { beginRun, finishRun, recordingClock } from './run-log.ts';
import { reclaimRun } from './run-owner.ts';
import { InlineStepWriter, type StepWriter } from './step-writer.ts';
import { ENGINE_VERSION } from './version.ts';

export interface RecordRunOptions extends SimulationOptions {
  readonly db: Recording;
  readonly world: AnyWorld;
  /** How the world was named (built-in name or path); recorded as its world reference, so replay can load it again. */
  readonly worldRef: string;
  readonly params: Record<string, unknown>;
  readonly parentRunId?: string | null;
  /** How much of each decision's detail to keep (default: the recording's DEFAULT_DETAIL). */
  readonly detail?: DetailLevel;
  /** Stops the run between two steps; the run is then marked interrupted. */
  readonly signal?: AbortSignal;
  /** Called after each step is handed to the writer (progress bars, live views). */
  readonly onStep?: (record: StepRecord) => void;
  readonly clock?: () => string;
  /** The initial state, when the caller built it already (see `initialise`). */
  readonly initial?: InitialState;
  /** Where steps are written (`after`: the steps already recorded); by default on this thread through `db`. */
  readonly writer?: (runId: string, after: number) => StepWriter;
  /**
   * An interrupted or crashed run of these world, parameters and seed to continue instead of
   * beginning a new one: its recorded steps are simulated again, deterministically, without being
   * written, and the steps after them are appended.
   */
  readonly resume?: RunRow;
}

/** What a caller attaches to a recording run: a stop signal, a per-step callback, where steps are written. */
export type RecordHooks = Pick<RecordRunOptions, 'signal' | 'onStep' | 'writer'>;

export interface RecordedRun {
  readonly runId: string;
  readonly status: RunStatus;
  readonly stepsCompleted: number;
  readonly error?: Error;
}

/**
 * Runs a world and records it: a step writer subscribes to the step stream and commits each
 * step in one transaction; an abort, an error or the end of the stream closes the writer (every
 * step handed to it is committed) and then sets the run's final status. This process is the
 * run's owner (run-owner.ts) from its start to its end.
 */
export function recordRun(options: RecordRunOptions): Promise<RecordedRun> {
  const now = options.clock ?? recordingClock();
  const header = {
    world: worldReference(options.worldRef, options.world, dirname(options.db.name)),
    seed: options.seed,
    paramsJson: JSON.stringify(options.params),
    engineVersion: ENGINE_VERSION,
    stepsRequested: options.steps,
    snapshotEvery: options.snapshotEvery,
    parentRunId: options.parentRunId,
    detail: options.detail,
  };
  const resumed = options.resume;
  const after = resumed?.steps_completed ?? 0;
  if (resumed) reclaimRun(options.db, resumed);
  const runId = resumed ? resumed.run_id : beginRun(options.db, header, now);
  const writer = options.writer?.(runId, after) ?? new InlineStepWriter(options.db, runId);
  return new Promise((resolve) => {
    let subscription: Subscription | undefined;
    // Called once: before its first await it removes the abort listener and unsubscribes, and the
    // stream emits nothing during subscribe() (each step runs in a macrotask of its own).
    const settle = async (event: 'COMPLETE' | 'FAIL' | 'INTERRUPT', error?: Error): Promise<void> => {
      options.signal?.removeEventListener('abort', onAbort);
      subscription?.unsubscribe();
      try {
        await writer.close();
      } catch (closeError) {
        event = 'FAIL';
        error ??= closeError as Error;
      }
      let status: RunStatus = 'failed';
      try {
        status = finishRun(options.db, runId, event, error?.message, now);
      } catch (finishError) {
        error ??= finishError as Error;
      }
      resolve({ runId, status, stepsCompleted: Math.max(after, writer.committed()), error });
    };
    const onAbort = (): void => void settle('INTERRUPT');
    if (options.signal?.aborted) return void settle('INTERRUPT');
    options.signal?.addEventListener('abort', onAbort);
    subscription = run$(options.world, options.params, options, options.initial)
      .pipe(filter((record) => record.t > after))
      .subscribe({
        next: (record) => {
          try {
            writer.write(record);
          } catch (error) {
            void settle('FAIL', error as Error);
            return;
          }
          options.onStep?.(record);
        },
        error: (error: Error) => void settle('FAIL', error),
        complete: () => void settle('COMPLETE'),
      });
  });
}
