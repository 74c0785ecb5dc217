import { InputError } from '../kernel/errors.ts';
import type { Recording } from './database.ts';
import { shownStatus, vantage, type Vantage } from './run-owner.ts';
import type { DetailLevel } from './detail.ts';
import { STEP_TABLES, type StepTable } from './schema.ts';

/** A row of the runs view; the columns after `error` are absent from schema version 1 files. */
export interface RunRow {
  readonly run_id: string;
  readonly world: string;
  readonly seed: number;
  readonly params_json: string;
  readonly engine_version: string;
  readonly parent_run_id: string | null;
  readonly status: string;
  readonly steps_requested: number;
  readonly snapshot_every: number;
  readonly steps_completed: number;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly error: string | null;
  /** The recording process while the run is running (null once it ends; absent in version 1): see run-owner.ts. */
  readonly owner_host?: string | null;
  readonly owner_pid?: number | null;
  readonly heartbeat_at?: string | null;
  readonly detail?: DetailLevel;
}

/** The detail level a run's decisions were kept at (runs of schema version 1 kept it whole). */
export function detailOf(run: RunRow): DetailLevel {
  return run.detail ?? 'full';
}

const versions = new WeakMap<Recording, number>();

/** The schema version of an opened recording (read once: a connection may be busy iterating later). */
export function schemaVersion(db: Recording): number {
  let version = versions.get(db);
  if (version === undefined) versions.set(db, (version = db.pragma('user_version', { simple: true }) as number));
  return version;
}

/**
 * An ORDER BY expression over the runs view that lists runs in the order they were recorded
 * (a view has no rowid: version 2 orders by the run's integer key).
 */
export function runOrder(db: Recording): string {
  return schemaVersion(db) >= 2 ? '(SELECT id FROM run WHERE run.run_id = runs.run_id)' : 'rowid';
}

/** A run as users see it: a running run whose process is gone is `crashed`. */
function shown(run: RunRow, from: Vantage = vantage()): RunRow {
  return { ...run, status: shownStatus(run, from) };
}

export function listRuns(db: Recording): RunRow[] {
  const here = vantage();
  return (db.prepare(`SELECT * FROM runs ORDER BY ${runOrder(db)}`).all() as RunRow[]).map((run) => shown(run, here));
}

/** The run a user named, or the most recent one when no id is given. */
export function findRun(db: Recording, runId?: string): RunRow {
  if (runId !== undefined) {
    const run = db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as RunRow | undefined;
    if (!run) {
      const ids = listRuns(db).map((r) => r.run_id);
      throw new InputError(`no run '${runId}' in this recording: expected one of ${ids.slice(-10).join(', ') || '(none)'}`);
    }
    return shown(run);
  }
  const last = db.prepare(`SELECT * FROM runs ORDER BY ${runOrder(db)} DESC LIMIT 1`).get() as RunRow | undefined;
  if (!last) throw new InputError('the recording holds no runs: expected at least one (record one with alignsim run)');
  return shown(last);
}

/**
 * A step table's rows for one run, in recording order, as arrays of STEP_TABLES[table].columns:
 * the form stepRows gives, whichever schema version the file has.
 */
export function iterateRows(db: Recording, table: StepTable, runId: string): IterableIterator<unknown[]> {
  const { columns, order, relation, v1 } = STEP_TABLES[table];
  const select = schemaVersion(db) >= 2 ? `SELECT ${columns.join(', ')} FROM ${relation}` : `SELECT ${v1} FROM ${table}`;
  return db.prepare(`${select} WHERE run_id = ? ORDER BY ${order}`).raw().iterate(runId) as IterableIterator<unknown[]>;
}

/** A step table's rows for one run and step, as the public view shows them (run id left out). */
export function rowsAt(db: Recording, table: StepTable, runId: string, t: number): Record<string, unknown>[] {
  const rows = db.prepare(`SELECT * FROM ${table} WHERE run_id = ? AND t = ? ORDER BY ${STEP_TABLES[table].order}`).all(runId, t) as Record<
    string,
    unknown
  >[];
  return rows.map(({ run_id: _run, ...row }) => row);
}

/** The last value a run recorded for a series, with its step; undefined if it never recorded it. */
export function lastMetric(db: Recording, runId: string, name: string): { t: number; value: number | null } | undefined {
  return db.prepare('SELECT t, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY t DESC LIMIT 1').get(runId, name) as
    | { t: number; value: number | null }
    | undefined;
}

/** The step holding a run's n-th event (from 1, in recording order) and the event's seq within it; undefined past the last. */
export function eventPosition(db: Recording, runId: string, n: number): { t: number; seq: number } | undefined {
  return db.prepare('SELECT t, seq FROM events WHERE run_id = ? ORDER BY t, seq LIMIT 1 OFFSET ?').get(runId, n - 1) as { t: number; seq: number } | undefined;
}

export function eventCount(db: Recording, runId: string): number {
  return db.prepare('SELECT count(*) FROM events WHERE run_id = ?').pluck().get(runId) as number;
}
