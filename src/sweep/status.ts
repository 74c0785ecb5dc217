import { existsSync } from 'node:fs';
import { InputError } from '../kernel/errors.ts';
import { recordedStatuses, recordingFiles, specCopyPath } from './out-dir.ts';
import { planSweep } from './plan.ts';
import { readSpec } from './spec.ts';

export interface SweepStatus {
  readonly total: number;
  readonly complete: number;
  readonly failed: number;
  /** Left running by a process that died (kill -9, power loss). */
  readonly crashed: number;
  /** Interrupted, or still running (possibly in another process right now). */
  readonly unfinished: number;
  readonly missing: number;
  /** The first few failures: run id and error. */
  readonly failures: ReadonlyArray<{ runId: string; error: string | null }>;
}

/** How far the sweep recorded in `dir` has got, from its spec copy and its recordings. */
export async function sweepStatus(dir: string, failuresShown = 5): Promise<SweepStatus> {
  const specFile = specCopyPath(dir);
  if (!existsSync(specFile)) throw new InputError(`'${dir}' holds no sweep.json: expected a directory written by alignsim sweep --out`);
  const plan = await planSweep(readSpec(specFile), dir);
  const recorded = recordedStatuses(recordingFiles(dir));
  const counts = { completed: 0, failed: 0, crashed: 0, unfinished: 0, missing: 0 };
  const failures: Array<{ runId: string; error: string | null }> = [];
  for (let index = 0; index < plan.size; index++) {
    const { runId } = plan.run(index);
    const found = recorded.get(runId);
    const status = found === undefined ? 'missing' : ['completed', 'failed', 'crashed'].includes(found.status) ? found.status : 'unfinished';
    counts[status as keyof typeof counts]++;
    if (found?.status === 'failed' && failures.length < failuresShown) failures.push({ runId, error: found.error });
  }
  return { total: plan.size, complete: counts.completed, failed: counts.failed, crashed: counts.crashed, unfinished: counts.unfinished, missing: counts.missing, failures };
}
