import { join } from 'node:path';
import { loadWorld } from '../kernel/registry.ts';
import { openForWriting } from '../record/database.ts';
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

/**
 * A runner recording runs of the sweep into a file of its own (worker-k.sqlite, k from the
 * shared counter). The file is opened per run and closed after it, so the pool can be torn down
 * at any time without leaving a write-ahead log behind.
 */
export function createRunner(data: SweepWorkerData): (task: RunTask) => Promise<RunOutcome> {
  const file = join(data.dir, `${data.filePrefix}worker-${Atomics.add(data.workerCounter, 0, 1)}.sqlite`);
  return async (task) => {
    const world = await loadWorld(data.worldRef);
    const controller = new AbortController();
    const db = openForWriting(file);
    try {
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
    } finally {
      db.close();
    }
  };
}
