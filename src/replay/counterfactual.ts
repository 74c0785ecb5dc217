import { InputError } from '../kernel/errors.ts';
import { parseAssignments, policyAssignment } from '../kernel/params.ts';
import { initialise } from '../kernel/simulate.ts';
import type { StepRecord } from '../kernel/world.ts';
import type { Recording } from '../record/database.ts';
import { detailOf, type RunRow } from '../record/reader.ts';
import { recordRun, type RecordedRun } from '../record/record-run.ts';
import { reconstruct } from './reconstruct.ts';

export interface CounterfactualOptions {
  /** Another delegation policy (the world's `policy` parameter). */
  readonly policy?: string;
  /** Other parameter changes, `key=value`. */
  readonly assignments?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onStep?: (record: StepRecord) => void;
}

/**
 * Re-runs a recorded episode with another policy or parameters and records it with
 * `parent_run_id` set. Same world and seed, so every named random stream the change does not
 * touch (decision problems, hidden states, drift shocks) draws exactly what it drew before:
 * differences between the two runs are paired, not noise.
 */
export async function replayCounterfactual(db: Recording, parent: RunRow, options: CounterfactualOptions): Promise<RecordedRun> {
  if (parent.steps_completed === 0) throw new InputError(`run ${parent.run_id} recorded no steps: expected a run to re-run`);
  const { world } = await reconstruct(parent);
  const assignments = [...(options.policy === undefined ? [] : [policyAssignment(world, options.policy)]), ...(options.assignments ?? [])];
  if (assignments.length === 0) throw new InputError('a counterfactual replay needs --policy NAME or --set key=value: expected what to change');
  const params = parseAssignments(world, assignments, JSON.parse(parent.params_json) as Record<string, unknown>);
  // Built before recording, so parameters the world refuses in init leave no run behind.
  const initial = initialise(world, params, parent.seed);
  return recordRun({
    initial,
    db,
    world,
    worldRef: parent.world,
    params,
    seed: parent.seed,
    steps: parent.steps_completed,
    snapshotEvery: parent.snapshot_every,
    parentRunId: parent.run_id,
    // Kept like the parent's, so the two compare decision by decision.
    detail: detailOf(parent),
    signal: options.signal,
    onStep: options.onStep,
  });
}
