import { join } from 'node:path';
import { loadWorld } from '../kernel/registry.ts';
import { openForWriting, type Recording } from '../record/database.ts';
import type { DetailLevel } from '../record/detail.ts';
import { recordRun } from '../record/record-run.ts';

export interface SweepWorkerData {
  readonly dir: string;
  /** Prefix of this process's file names (the shard), so files never clash across processes. */
  readonly filePrefix: string;
  readonly worldRef: string;
  readonly steps: number;
  readonly snapshotEvery: number;
  readonly detail: DetailLevel;
  /** Shared counter that hands each worker thread its number k (worker-k.sqlite). */
  readonly workerCounter: Int32Array;
  /** Set to 1 by the main thread to interrupt the runs in progress. */
  readonly stop: Int32Array;
}

export interface RunTask {
  readonly index: number;
  readonly params: Record<string, unknown>;
  readonly seed: number;
}

export interface RunOutcome {
  readonly index: number;
  readonly runId: string;
  readonly status: string;
  readonly error: string | null;
}

/** Records runs of the sweep, one per call, into the runner's own file. */
export interface Runner {
  (task: RunTask): Promise<RunOutcome>;
  /** Closes the runner's file (its connection is kept open from the first run on). */
  close(): void;
}

/**
 * A runner recording runs of the sweep into a file of its own (worker-k.sqlite, k from the
 * shared counter). The file stays open between runs: opening it switches the journal to
 * write-ahead logging and closing it checkpoints, which for short runs cost as much as a run's
 * inserts. A thread torn down with the file open leaves at most a write-ahead log that the next
 * connection folds in (runSweep reopens and closes each file at the end).
 */
export function createRunner(data: SweepWorkerData): Runner {
  const file = join(data.dir, `${data.filePrefix}worker-${Atomics.add(data.workerCounter, 0, 1)}.sqlite`);
  let db: Recording | null = null;
  const run = async (task: RunTask): Promise<RunOutcome> => {
    const world = await loadWorld(data.worldRef);
    const controller = new AbortController();
    db ??= openForWriting(file);
    const result = await recordRun({
      db,
      world,
      worldRef: data.worldRef,
      params: task.params,
      seed: task.seed,
      steps: data.steps,
      snapshotEvery: data.snapshotEvery,
      detail: data.detail,
      signal: controller.signal,
      onStep: () => {
        if (Atomics.load(data.stop, 0) === 1) controller.abort();
      },
    });
    return { index: task.index, runId: result.runId, status: result.status, error: result.error?.message ?? null };
  };
  return Object.assign(run, {
    close: () => {
      db?.close();
      db = null;
    },
  });
}
