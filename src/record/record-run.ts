import type { Subscription } from 'rxjs';
import { run$, type SimulationOptions } from '../kernel/simulate.ts';
import type { RunStatus } from '../kernel/lifecycles.ts';
import type { AnyWorld, StepRecord } from '../kernel/world.ts';
import type { Recording } from './database.ts';
import { Recorder } from './recorder.ts';
import { ENGINE_VERSION } from './version.ts';

export interface RecordRunOptions extends SimulationOptions {
  readonly db: Recording;
  readonly world: AnyWorld;
  /** How the world was named (built-in name or path), stored so replay can load it again. */
  readonly worldRef: string;
  readonly params: Record<string, unknown>;
  readonly parentRunId?: string | null;
  /** Stops the run between two steps; the run is then marked interrupted. */
  readonly signal?: AbortSignal;
  /** Called after each step is committed (progress bars, live views). */
  readonly onStep?: (record: StepRecord) => void;
  readonly clock?: () => string;
}

export interface RecordedRun {
  readonly runId: string;
  readonly status: RunStatus;
  readonly stepsCompleted: number;
  readonly error?: Error;
}

/**
 * Runs a world and records it: the recorder subscribes to the step stream and commits each
 * step in one transaction; an abort, an error or the end of the stream sets the final status.
 */
export function recordRun(options: RecordRunOptions): Promise<RecordedRun> {
  const recorder = new Recorder(options.db, options.clock);
  const runId = recorder.begin({
    world: options.worldRef,
    seed: options.seed,
    paramsJson: JSON.stringify(options.params),
    engineVersion: ENGINE_VERSION,
    stepsRequested: options.steps,
    snapshotEvery: options.snapshotEvery,
    parentRunId: options.parentRunId,
  });
  let stepsCompleted = 0;
  return new Promise((resolve) => {
    let subscription: Subscription | undefined;
    const settle = (event: 'COMPLETE' | 'FAIL' | 'INTERRUPT', error?: Error): void => {
      options.signal?.removeEventListener('abort', onAbort);
      subscription?.unsubscribe();
      const status = recorder.finish(runId, event, error?.message);
      resolve({ runId, status, stepsCompleted, error });
    };
    const onAbort = (): void => settle('INTERRUPT');
    if (options.signal?.aborted) return settle('INTERRUPT');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    subscription = run$(options.world, options.params, options).subscribe({
      next: (record) => {
        try {
          recorder.writeStep(runId, record);
        } catch (error) {
          settle('FAIL', error as Error);
          return;
        }
        stepsCompleted = record.t;
        options.onStep?.(record);
      },
      error: (error: Error) => settle('FAIL', error),
      complete: () => settle('COMPLETE'),
    });
  });
}
