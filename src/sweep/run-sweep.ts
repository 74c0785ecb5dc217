import { Piscina } from 'piscina';
import { basename, resolve } from 'node:path';
import { moduleAt } from '../kernel/package-files.ts';
import { openForWriting } from '../record/database.ts';
import { workerScript } from '../kernel/threads.ts';
import { claimOutDir, discardUnfinished, recordedStatuses, recordingFiles } from './out-dir.ts';
import { planSweep } from './plan.ts';
import { isOtherShardFile, shardIndices, shardPrefix, type Shard } from './shard.ts';
import type { SweepSpec } from './spec.ts';
import { createRunner, type RunOutcome, type RunTask, type SweepWorkerData } from './worker.ts';

export interface SweepOptions {
  readonly spec: SweepSpec;
  readonly dir: string;
  readonly workers: number;
  readonly shard: Shard | null;
  /** Interrupts the runs in progress (they are marked interrupted) and starts no more. */
  readonly signal?: AbortSignal;
  /** Called once the work is known, then after each run with the number done. */
  readonly onStart?: (toRun: number) => void;
  readonly onRun?: (done: number, outcome: RunOutcome) => void;
}

export interface SweepResult {
  /** Runs in the whole sweep, and in this shard. */
  readonly size: number;
  readonly inShard: number;
  /** Runs of this shard found complete in the directory before starting. */
  readonly alreadyComplete: number;
  readonly completed: number;
  readonly failed: readonly RunOutcome[];
  readonly interrupted: number;
  /** This process's recordings. */
  readonly files: readonly string[];
}

const POOL_WORKER = moduleAt(import.meta.url, './pool-worker');

/**
 * Runs a sweep (or one shard of it) on a pool of worker threads (or in this thread for one
 * worker), each recording into its own file in `dir`. Runs already complete in `dir` are skipped; unfinished ones of this shard are
 * deleted and run again, so re-running after an interruption completes the sweep.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const dir = resolve(options.dir);
  const plan = await planSweep(options.spec, dir);
  claimOutDir(dir, options.spec);
  const prefix = shardPrefix(options.shard);
  const mine = [...shardIndices(plan.size, options.shard)].map((index) => plan.run(index));
  const relevant = recordingFiles(dir).filter((file) => !isOtherShardFile(basename(file), options.shard));
  const recorded = recordedStatuses(relevant);
  const pending = mine.filter((run) => recorded.get(run.runId)?.status !== 'completed');
  // Unfinished copies of this shard's runs are ours to replace, whichever file they are in.
  discardUnfinished(relevant, new Set(pending.map((run) => run.runId)));
  options.onStart?.(pending.length);

  const stop = new Int32Array(new SharedArrayBuffer(4));
  const workerData: SweepWorkerData = {
    dir,
    filePrefix: prefix,
    worldRef: options.spec.world,
    steps: plan.steps,
    snapshotEvery: options.spec.snapshotEvery,
    detail: options.spec.detail,
    workerCounter: new Int32Array(new SharedArrayBuffer(4)),
    stop,
  };
  const workers = Math.min(options.workers, Math.max(pending.length, 1));
  // This thread is one of the workers: its modules are loaded already, and there is one thread
  // fewer to start.
  const local = createRunner(workerData);
  const pool = workers > 1 ? new Piscina<RunTask, RunOutcome>({ ...workerScript(POOL_WORKER, workerData), minThreads: workers - 1, maxThreads: workers - 1 }) : null;
  const threaded = pool ? Array.from({ length: workers - 1 }, () => (task: RunTask) => pool.run(task)) : [];
  const onAbort = (): void => {
    Atomics.store(stop, 0, 1);
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const outcomes: RunOutcome[] = [];
  let done = 0;
  const queue = pending[Symbol.iterator]();
  // One lane per worker pulls the next run when its last one is done: only a few tasks are
  // ever queued, however long the sweep.
  const lane = async (execute: (task: RunTask) => Promise<RunOutcome>): Promise<void> => {
    for (let next = queue.next(); !next.done && Atomics.load(stop, 0) === 0; next = queue.next()) {
      const { index, params, seed, runId } = next.value;
      const outcome = await execute({ index, params, seed }).catch(
        (error: Error): RunOutcome => ({ index, runId, status: 'failed', error: `worker: ${error.message}` }),
      );
      if (outcome.status !== 'completed') outcomes.push(outcome);
      done++;
      options.onRun?.(done, outcome);
    }
  };
  try {
    await Promise.all([local, ...threaded].map(lane));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    local.close();
    await pool?.destroy();
  }
  const files = recordingFiles(dir).filter((file) => basename(file).startsWith(`${prefix}worker-`));
  // A pool thread's file may be left in write-ahead-log mode: closing it here checkpoints it and
  // leaves it readable where no -shm file can be made.
  for (const file of files) openForWriting(file, { mustExist: true }).close();
  const failed = outcomes.filter((o) => o.status === 'failed');
  return {
    size: plan.size,
    inShard: mine.length,
    alreadyComplete: mine.length - pending.length,
    completed: done - outcomes.length,
    failed,
    interrupted: outcomes.length - failed.length,
    files,
  };
}
