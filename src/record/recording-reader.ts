import type { DecisionRow } from '../kernel/world.ts';
import { openForReading, type Recording } from './database.ts';
import { findRun, listRuns, type RunRow } from './reader.ts';

/** A recorded run, as `alignsim/recordings` reads it. */
export interface RunInfo {
  readonly id: string;
  /** The world: a built-in's name, or the world file relative to the recording (with its source hash). */
  readonly world: string;
  readonly seed: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: string;
  readonly stepsRequested: number;
  readonly stepsCompleted: number;
  /** The run this one re-ran with a change (a counterfactual replay), if any. */
  readonly parentRunId: string | null;
  readonly engineVersion: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

/** One value of a series (a metric) at step `t`, closed at simulation time `time`. */
export interface SeriesPoint {
  readonly t: number;
  readonly time: number;
  readonly value: number | null;
}

/** A recorded decision: the kernel's row, placed in its step and with its detail parsed. */
export interface DecisionRecord extends Omit<DecisionRow, 'detailJson'> {
  readonly t: number;
  readonly seq: number;
  /** The policy's reasons. */
  readonly detail: unknown;
}

export interface EventRecord {
  readonly t: number;
  readonly time: number;
  readonly seq: number;
  readonly type: string;
  readonly subject: string;
  readonly payload: unknown;
}

function runInfo(row: RunRow): RunInfo {
  return {
    id: row.run_id,
    world: row.world,
    seed: row.seed,
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    status: row.status,
    stepsRequested: row.steps_requested,
    stepsCompleted: row.steps_completed,
    parentRunId: row.parent_run_id,
    engineVersion: row.engine_version,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
  };
}

/**
 * A recording opened for reading, its rows as typed objects (no SQL needed). It reads the public
 * tables and views, so it reads recordings of every schema version; where a recording has no
 * simulation time (stepped worlds of older versions), `time` is the step `t`.
 */
export class RecordingReader {
  private readonly db: Recording;
  private readonly timeOf: Record<'metrics' | 'decisions' | 'events', string>;

  constructor(readonly file: string) {
    this.db = openForReading(file);
    const hasTime = (table: string): boolean =>
      (this.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).includes('time');
    this.timeOf = { metrics: hasTime('metrics') ? 'time' : 't', decisions: hasTime('decisions') ? 'time' : 't', events: hasTime('events') ? 'time' : 't' };
  }

  /** Every run, oldest first. */
  runs(): RunInfo[] {
    return listRuns(this.db).map(runInfo);
  }

  /** One run by id, or the most recent one. */
  run(runId?: string): RunInfo {
    return runInfo(findRun(this.db, runId));
  }

  /** The names of the series a run recorded. */
  seriesNames(runId?: string): string[] {
    return this.db.prepare('SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name').pluck().all(this.run(runId).id) as string[];
  }

  /** One series of a run, step by step. */
  series(name: string, runId?: string): SeriesPoint[] {
    return this.db
      .prepare(`SELECT t, ${this.timeOf.metrics} AS time, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY t`)
      .all(this.run(runId).id, name) as SeriesPoint[];
  }

  /** A run's delegation decisions, in order. */
  decisions(runId?: string): DecisionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT t, ${this.timeOf.decisions} AS time, seq, principal, choice, agent, policy, reward, best_reward AS bestReward, regret, detail_json
         FROM decisions WHERE run_id = ? ORDER BY t, seq`,
      )
      .all(this.run(runId).id) as (Omit<DecisionRecord, 'detail'> & { detail_json: string })[];
    return rows.map(({ detail_json, ...row }) => ({ ...row, detail: JSON.parse(detail_json) as unknown }));
  }

  /** A run's events (drift, shocks, lifecycle transitions, interventions), in order. */
  events(runId?: string): EventRecord[] {
    const rows = this.db
      .prepare(`SELECT t, ${this.timeOf.events} AS time, seq, type, subject, payload_json FROM events WHERE run_id = ? ORDER BY t, seq`)
      .all(this.run(runId).id) as (Omit<EventRecord, 'payload'> & { payload_json: string })[];
    return rows.map(({ payload_json, ...row }) => ({ ...row, payload: JSON.parse(payload_json) as unknown }));
  }

  close(): void {
    this.db.close();
  }
}

/** Opens a recording for reading. */
export function openRecording(file: string): RecordingReader {
  return new RecordingReader(file);
}
