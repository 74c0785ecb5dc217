import { createHash } from 'node:crypto';
import { runTransitions, type RunEvent, type RunStatus } from '../kernel/lifecycles.ts';
import type { Recording } from './database.ts';
import { DEFAULT_DETAIL, type DetailLevel } from './detail.ts';
import { claimRun, releaseRun } from './run-owner.ts';

/** The runs table: a run's identity and its lifecycle (created → running → completed | failed | interrupted). */

export interface RunHeader {
  readonly world: string;
  readonly seed: number;
  readonly paramsJson: string;
  readonly engineVersion: string;
  readonly stepsRequested: number;
  readonly snapshotEvery: number;
  readonly parentRunId?: string | null;
  /** How much of each decision's detail the run keeps (default: DEFAULT_DETAIL). */
  readonly detail?: DetailLevel;
}

/** Wall-clock time for runs.started_at / finished_at; SOURCE_DATE_EPOCH pins it for reproducible files. */
export function recordingClock(env: NodeJS.ProcessEnv = process.env): () => string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) {
    const fixed = new Date(Number(epoch) * 1000).toISOString();
    return () => fixed;
  }
  return () => new Date().toISOString();
}

/**
 * A run id that names its world and seed and is the same wherever the run is made: a hash of
 * everything that determines the run's rows, so two runs with one id in different files are the
 * same run (what makes sweeps resumable and merges idempotent).
 */
export function baseRunId(
  header: Pick<RunHeader, 'world' | 'seed' | 'paramsJson' | 'stepsRequested' | 'snapshotEvery' | 'parentRunId' | 'detail'>,
): string {
  const identity = [header.world, header.seed, header.paramsJson, header.stepsRequested, header.snapshotEvery, header.parentRunId ?? ''];
  // Only a level other than the default joins the identity, so default runs keep the ids they always had.
  if (header.detail !== undefined && header.detail !== DEFAULT_DETAIL) identity.push(`detail=${header.detail}`);
  const hash = createHash('sha256').update(identity.join('\n')).digest('hex');
  const world = header.world.replace(/#.*$/, '').replace(/^.*[\\/]/, '').replace(/\.[a-z]+$/, '');
  return `${world}-s${header.seed}-${hash.slice(0, 8)}`;
}

/** Registers a new run as `running`, owned by this process, and returns its id (suffixed if the same run is already recorded). */
export function beginRun(db: Recording, header: RunHeader, now: () => string = recordingClock()): string {
  const base = baseRunId(header);
  const exists = db.prepare('SELECT 1 FROM run WHERE run_id = ?');
  let runId = base;
  for (let n = 2; exists.get(runId); n++) runId = `${base}.${n}`;
  const status = runTransitions.step(runTransitions.initial, 'START');
  db
    .prepare(
      `INSERT INTO run (run_id, world, seed, params_json, engine_version, parent_run_id, status, steps_requested, snapshot_every, started_at, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      runId,
      header.world,
      header.seed,
      header.paramsJson,
      header.engineVersion,
      header.parentRunId ?? null,
      runTransitions.states[status],
      header.stepsRequested,
      header.snapshotEvery,
      now(),
      header.detail ?? DEFAULT_DETAIL,
    );
  claimRun(db, runId);
  return runId;
}

/** Moves the run to its final status and forgets its owner; an event the lifecycle refuses leaves the status unchanged. */
export function finishRun(
  db: Recording,
  runId: string,
  event: Exclude<RunEvent, 'START'>,
  error?: string,
  now: () => string = recordingClock(),
): RunStatus {
  const current = db.prepare('SELECT status FROM run WHERE run_id = ?').pluck().get(runId) as RunStatus;
  const to = runTransitions.step(runTransitions.index(current), event);
  const status = runTransitions.states[to];
  db
    .prepare('UPDATE run SET status = ?, finished_at = ?, error = ? WHERE run_id = ?')
    .run(status, now(), error ?? null, runId);
  releaseRun(db, runId);
  return status;
}

/** Deletes a run and every row it recorded. */
export function deleteRun(db: Recording, runId: string): void {
  const run = db.prepare('SELECT id FROM run WHERE run_id = ?').pluck().get(runId) as number | undefined;
  if (run === undefined) return;
  for (const table of ['metric', 'decision', 'event', 'snapshot']) db.prepare(`DELETE FROM ${table} WHERE run = ?`).run(run);
  db.prepare('DELETE FROM run WHERE id = ?').run(run);
}
