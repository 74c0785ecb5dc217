import { parseAssignments, policyAssignment } from '../kernel/params.ts';
import { initialise } from '../kernel/simulate.ts';
import type { AnyWorld } from '../kernel/world.ts';
import type { Recording } from '../record/database.ts';
import { findRun, runOrder, type RunRow } from '../record/reader.ts';
import { recordRun, type RecordedRun } from '../record/record-run.ts';
import { ENGINE_VERSION } from '../record/version.ts';
import type { RunGroup } from './compare.ts';

export interface PolicyRunsOptions {
  readonly db: Recording;
  readonly world: AnyWorld;
  readonly worldRef: string;
  readonly policies: readonly string[];
  /** Seeds 1..seeds, the same for every policy (common random numbers). */
  readonly seeds: number;
  readonly steps: number;
  /** Parameters shared by every policy, `key=value`. */
  readonly assignments: readonly string[];
  readonly signal?: AbortSignal;
  /** Called after each run, recorded or found. */
  readonly onRun?: (done: number) => void;
}

/** A completed run of exactly this world, parameters, seed, length and engine, if one is recorded. */
function recordedRun(db: Recording, worldRef: string, seed: number, paramsJson: string, steps: number): RunRow | undefined {
  return db
    .prepare(
      `SELECT * FROM runs WHERE world = ? AND seed = ? AND params_json = ? AND steps_requested = ? AND steps_completed = ?
       AND status = 'completed' AND engine_version = ? AND parent_run_id IS NULL ORDER BY ${runOrder(db)} LIMIT 1`,
    )
    .get(worldRef, seed, paramsJson, steps, steps, ENGINE_VERSION) as RunRow | undefined;
}

/**
 * One run per policy and seed, recorded into `db`; a run already recorded with the same world,
 * parameters, seed and length is reused (the same inputs give the same rows). Stops early, with
 * the interrupted run, when the signal aborts.
 */
export async function recordPolicyRuns(options: PolicyRunsOptions): Promise<{ groups: RunGroup[]; interrupted: RecordedRun | null }> {
  const { db, world, worldRef, steps } = options;
  const params = options.policies.map((policy) => parseAssignments(world, [...options.assignments, policyAssignment(world, policy)]));
  // Every setting builds its world for the first seed before any run is recorded: a refusal leaves the file as it was.
  const firstSeed = params.map((p) => initialise(world, p, 1));
  const groups = options.policies.map((label) => ({ label, runs: [] as RunRow[] }));
  let done = 0;
  for (let seed = 1; seed <= options.seeds; seed++) {
    for (let p = 0; p < params.length; p++) {
      const paramsJson = JSON.stringify(params[p]);
      let run = recordedRun(db, worldRef, seed, paramsJson, steps);
      if (!run) {
        const initial = seed === 1 ? firstSeed[p] : initialise(world, params[p], seed);
        const result = await recordRun({ db, world, worldRef, params: params[p], seed, steps, snapshotEvery: 0, signal: options.signal, initial });
        if (result.status !== 'completed') return { groups, interrupted: result };
        run = findRun(db, result.runId);
      }
      groups[p].runs.push(run);
      options.onRun?.(++done);
    }
  }
  return { groups, interrupted: null };
}
