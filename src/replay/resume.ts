import { InputError } from '../kernel/errors.ts';
import { initialise } from '../kernel/simulate.ts';
import type { Recording } from '../record/database.ts';
import { detailOf, type RunRow } from '../record/reader.ts';
import { recordRun, type RecordedRun, type RecordHooks } from '../record/record-run.ts';
import { ENGINE_VERSION } from '../record/version.ts';
import { reconstruct, type ReconstructOptions } from './reconstruct.ts';

/**
 * Continues an interrupted or crashed run in its own recording, under its own id. A run is world
 * + parameters + seed, so its recorded steps are simulated again without being written — the
 * world's state and every random stream then stand exactly where they stood after the last
 * committed step — and the steps after it are appended (a batch of steps commits together with
 * steps_completed, so no row lies past it): the finished run is row for row the run that was
 * never interrupted.
 */
export async function resumeRun(db: Recording, run: RunRow, trust: ReconstructOptions, options: RecordHooks = {}): Promise<RecordedRun> {
  if (run.status !== 'interrupted' && run.status !== 'crashed') {
    const owner = run.status === 'running' ? ` (by process ${run.owner_pid} on ${run.owner_host})` : '';
    throw new InputError(`run ${run.run_id} is ${run.status}${owner}: expected an interrupted or crashed run to resume`);
  }
  if (run.engine_version !== ENGINE_VERSION) {
    throw new InputError(`run ${run.run_id} was recorded by alignsim ${run.engine_version}: expected ${ENGINE_VERSION}, the version that continues it bit for bit`);
  }
  const { world, params } = await reconstruct(db, run, trust);
  const initial = initialise(world, params, run.seed);
  return recordRun({
    ...options,
    db,
    world,
    worldRef: run.world,
    params,
    seed: run.seed,
    steps: run.steps_requested,
    snapshotEvery: run.snapshot_every,
    detail: detailOf(run),
    parentRunId: run.parent_run_id,
    initial,
    resume: run,
  });
}
