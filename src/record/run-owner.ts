import { hostname } from 'node:os';
import { InputError } from '../kernel/errors.ts';
import { runTransitions, type RunStatus } from '../kernel/lifecycles.ts';
import type { Recording } from './database.ts';
import type { RunRow } from './reader.ts';

/**
 * Who records a run while it runs: runs.owner_host and owner_pid name the process, and
 * runs.heartbeat_at is the wall-clock time it last showed signs of life (each commit, and every
 * HEARTBEAT_MS from the writer thread even while a long step computes). All three are cleared
 * when the run ends, so a finished recording holds no trace of where it was made. A run still
 * `running` whose process is gone is crashed: shown so, and resumable.
 */

/** The table that stores the run rows. */
const RUN_TABLE = 'run';

/** How often the writer thread beats while a run runs. */
export const HEARTBEAT_MS = 15_000;
/** A run recorded on another host is taken for crashed when its last beat is older than this. */
export const STALE_AFTER_MS = 10 * 60_000;

export type ShownStatus = RunRow['status'] | 'crashed';

/** Where the question is asked from: this host and process, the time, and how to tell a live process. */
export interface Vantage {
  readonly host: string;
  readonly pid: number;
  readonly now: number;
  isAlive(pid: number): boolean;
}

/** Runs this thread is recording now: a run owned by this pid but not among them belonged to an earlier process that had the same pid. */
const recording = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function vantage(): Vantage {
  return { host: hostname(), pid: process.pid, now: Date.now(), isAlive };
}

/**
 * Whether a run's recording process died without ending it. On the same host the process is
 * asked directly; a run on another host is judged by its heartbeat. A running run that never
 * named an owner (its process died between starting and claiming it, or an older alignsim wrote
 * it) is crashed too.
 */
export function isCrashed(run: RunRow, from: Vantage = vantage()): boolean {
  if (run.status !== 'running') return false;
  if (run.owner_host == null || run.owner_pid == null) return true;
  if (run.owner_host !== from.host) return !(from.now - Date.parse(run.heartbeat_at ?? '') <= STALE_AFTER_MS);
  if (run.owner_pid === from.pid) return !recording.has(run.run_id);
  return !from.isAlive(run.owner_pid);
}

/** The status a user is shown: `crashed` for a running run whose process is gone. */
export function shownStatus(run: RunRow, from?: Vantage): ShownStatus {
  return isCrashed(run, from) ? 'crashed' : run.status;
}

function now(): string {
  return new Date().toISOString();
}

/** Names this process as the recorder of a run it has just begun. */
export function claimRun(db: Recording, runId: string): void {
  db.prepare(`UPDATE ${RUN_TABLE} SET owner_host = ?, owner_pid = ?, heartbeat_at = ? WHERE run_id = ?`).run(hostname(), process.pid, now(), runId);
  recording.add(runId);
}

/** The status the recording stores for a run as shown: a crashed run is stored as running. */
export function storedStatus(run: RunRow): RunStatus {
  return (run.status === 'crashed' ? 'running' : run.status) as RunStatus;
}

/**
 * Takes over an interrupted or crashed run to continue it: back to `running`, owned by this
 * process. The update matches the run as it was read, so of two processes resuming the same run
 * only one gets it.
 */
export function reclaimRun(db: Recording, run: RunRow): void {
  const stored = storedStatus(run);
  const status = runTransitions.states[runTransitions.step(runTransitions.index(stored), 'RESUME')];
  const taken = db
    .prepare(
      `UPDATE ${RUN_TABLE} SET status = ?, owner_host = ?, owner_pid = ?, heartbeat_at = ?, finished_at = NULL, error = NULL
       WHERE run_id = ? AND status = ? AND steps_completed = ? AND owner_host IS ? AND owner_pid IS ?`,
    )
    .run(status, hostname(), process.pid, now(), run.run_id, stored, run.steps_completed, run.owner_host ?? null, run.owner_pid ?? null);
  if (taken.changes !== 1) throw new InputError(`run ${run.run_id} changed while it was being resumed: expected no other process to resume it at the same time`);
  recording.add(run.run_id);
}

/** Shows that this process still records the run. */
export function beat(db: Recording, runId: string): void {
  db.prepare(`UPDATE ${RUN_TABLE} SET heartbeat_at = ? WHERE run_id = ?`).run(now(), runId);
}

/** Forgets the owner of a run that has ended. */
export function releaseRun(db: Recording, runId: string): void {
  recording.delete(runId);
  db.prepare(`UPDATE ${RUN_TABLE} SET owner_host = NULL, owner_pid = NULL, heartbeat_at = NULL WHERE run_id = ?`).run(runId);
}
