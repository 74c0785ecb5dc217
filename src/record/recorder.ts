import type { Statement } from 'better-sqlite3';
import type { StepRecord } from '../kernel/world.ts';
import type { Recording } from './database.ts';
import { RowStore, type RunKey } from './row-store.ts';
import { STEP_TABLE_NAMES } from './schema.ts';
import { stepRows } from './step-rows.ts';

/**
 * Steps are committed in batches of about this many rows: a transaction per step would write
 * the same few pages (the runs row, the last leaf of each table) again at every step.
 */
export const ROWS_PER_COMMIT = 2000;

/**
 * Writes a run's steps to a recording: prepared statements, steps committed in batches of whole
 * steps (each step inside its own savepoint, so a step that fails to write leaves the steps
 * before it intact). The runs row itself is run-log.ts's.
 */
export class Recorder {
  private readonly store: RowStore;
  private readonly runs = new Map<string, RunKey>();
  private readonly advanceRun: Statement;
  private readonly control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Statement>;
  private pending: { run: number; t: number; rows: number } | null = null;
  private lastCommitted = 0;

  constructor(private readonly db: Recording) {
    this.store = new RowStore(db);
    // Each commit is also a heartbeat (run-owner.ts): wall-clock time, cleared when the run ends.
    this.advanceRun = db.prepare('UPDATE run SET steps_completed = ?, heartbeat_at = ? WHERE id = ?');
    this.control = {
      begin: db.prepare('BEGIN'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT step'),
      release: db.prepare('RELEASE step'),
      undo: db.prepare('ROLLBACK TO step'),
    };
  }

  /** Adds one step to the open batch, committing the batch once it holds ROWS_PER_COMMIT rows. */
  writeStep(runId: string, record: StepRecord): void {
    const run = this.runKey(runId);
    if (this.pending !== null && this.pending.run !== run.id) this.flush();
    if (!this.db.inTransaction) this.control.begin.run();
    this.control.savepoint.run();
    try {
      for (const table of STEP_TABLE_NAMES) for (const row of stepRows(record, table, run.detail)) this.store.add(table, run.id, row);
      this.store.flush();
      this.control.release.run();
    } catch (error) {
      this.control.undo.run();
      this.control.release.run();
      this.store.rolledBack();
      if (this.pending === null) this.control.rollback.run();
      else this.flush();
      throw error;
    }
    const rows = (this.pending?.rows ?? 0) + record.metrics.length + record.decisions.length + record.events.length + 1;
    this.pending = { run: run.id, t: record.t, rows };
    if (rows >= ROWS_PER_COMMIT) this.flush();
  }

  /** Commits the open batch: every step written so far is then in the recording. */
  flush(): void {
    if (this.pending === null) return;
    try {
      this.advanceRun.run(this.pending.t, new Date().toISOString(), this.pending.run);
      this.control.commit.run();
      this.store.committed();
    } catch (error) {
      if (this.db.inTransaction) this.control.rollback.run();
      this.store.rolledBack();
      // The batch's steps are gone: a later flush must not count them as committed.
      this.pending = null;
      throw error;
    }
    this.lastCommitted = this.pending.t;
    this.pending = null;
  }

  /** The last step committed by flush (0 before any). */
  committed(): number {
    return this.lastCommitted;
  }

  private runKey(runId: string): RunKey {
    let key = this.runs.get(runId);
    if (key === undefined) this.runs.set(runId, (key = this.store.runKey(runId)));
    return key;
  }
}
