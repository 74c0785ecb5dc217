import type { Statement } from 'better-sqlite3';
import { BatchInsert } from './batch-insert.ts';
import type { StepRecord } from '../kernel/world.ts';
import type { Recording } from './database.ts';
import { STEP_TABLE_NAMES, STEP_TABLES, type StepTable } from './schema.ts';
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
  private readonly inserts: Record<StepTable, BatchInsert>;
  private readonly advanceRun: Statement;
  private readonly control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Statement>;
  private pending: { runId: string; t: number; rows: number } | null = null;
  private lastCommitted = 0;

  constructor(private readonly db: Recording) {
    this.inserts = Object.fromEntries(
      STEP_TABLE_NAMES.map((table) => [table, new BatchInsert(db, table, ['run_id', ...STEP_TABLES[table].columns])]),
    ) as Record<StepTable, BatchInsert>;
    // Each commit is also a heartbeat (run-owner.ts): wall-clock time, cleared when the run ends.
    this.advanceRun = db.prepare('UPDATE runs SET steps_completed = ?, heartbeat_at = ? WHERE run_id = ?');
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
    if (this.pending !== null && this.pending.runId !== runId) this.flush();
    if (!this.db.inTransaction) this.control.begin.run();
    this.control.savepoint.run();
    try {
      this.insertRows(runId, record);
      this.control.release.run();
    } catch (error) {
      this.control.undo.run();
      this.control.release.run();
      if (this.pending === null) this.control.rollback.run();
      else this.flush();
      throw error;
    }
    const rows = (this.pending?.rows ?? 0) + record.metrics.length + record.decisions.length + record.events.length + 1;
    this.pending = { runId, t: record.t, rows };
    if (rows >= ROWS_PER_COMMIT) this.flush();
  }

  /** Commits the open batch: every step written so far is then in the recording. */
  flush(): void {
    if (this.pending === null) return;
    try {
      this.advanceRun.run(this.pending.t, new Date().toISOString(), this.pending.runId);
      this.control.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.control.rollback.run();
      throw error;
    }
    this.lastCommitted = this.pending.t;
    this.pending = null;
  }

  /** The last step committed by flush (0 before any). */
  committed(): number {
    return this.lastCommitted;
  }

  private insertRows(runId: string, record: StepRecord): void {
    for (const [table, insert] of Object.entries(this.inserts) as [StepTable, BatchInsert][]) {
      for (const row of stepRows(record, table)) insert.add(runId, ...row);
      insert.flush();
    }
  }
}
