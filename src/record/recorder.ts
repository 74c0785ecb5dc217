import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { BatchInsert } from './batch-insert.ts';
import { runTransitions, type RunEvent, type RunStatus } from '../kernel/lifecycles.ts';
import type { StepRecord } from '../kernel/world.ts';
import type { Recording } from './database.ts';

export interface RunHeader {
  readonly world: string;
  readonly seed: number;
  readonly paramsJson: string;
  readonly engineVersion: string;
  readonly stepsRequested: number;
  readonly snapshotEvery: number;
  readonly parentRunId?: string | null;
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
  header: Pick<RunHeader, 'world' | 'seed' | 'paramsJson' | 'stepsRequested' | 'snapshotEvery' | 'parentRunId'>,
): string {
  const identity = [header.world, header.seed, header.paramsJson, header.stepsRequested, header.snapshotEvery, header.parentRunId ?? ''];
  const hash = createHash('sha256').update(identity.join('\n')).digest('hex');
  const world = header.world.replace(/^.*[\\/]/, '').replace(/\.[a-z]+$/, '');
  return `${world}-s${header.seed}-${hash.slice(0, 8)}`;
}

/**
 * Steps are committed in batches of about this many rows: a transaction per step would write
 * the same few pages (the runs row, the last leaf of each table) again at every step.
 */
export const ROWS_PER_COMMIT = 2000;

/**
 * Writes runs to a recording: prepared statements, steps committed in batches of whole steps
 * (each step inside its own savepoint, so a step that fails to write leaves the steps before it
 * intact), and the run's status driven through the run lifecycle machine.
 */
export class Recorder {
  private readonly insertMetric: Statement;
  private readonly insertDecisions: BatchInsert;
  private readonly insertEvent: Statement;
  private readonly insertSnapshot: Statement;
  private readonly advanceRun: Statement;
  private readonly control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Statement>;
  private readonly statuses = new Map<string, number>();
  private pending: { runId: string; t: number; rows: number } | null = null;
  private lastCommitted = 0;

  constructor(
    private readonly db: Recording,
    private readonly now: () => string = recordingClock(),
  ) {
    this.insertMetric = db.prepare('INSERT INTO metrics (run_id, t, name, value) VALUES (?, ?, ?, ?)');
    this.insertDecisions = new BatchInsert(db, 'decisions', [
      'run_id', 't', 'seq', 'principal', 'choice', 'agent', 'policy', 'reward', 'best_reward', 'regret', 'detail_json',
    ]);
    this.insertEvent = db.prepare('INSERT INTO events (run_id, t, seq, type, subject, payload_json) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertSnapshot = db.prepare('INSERT INTO snapshots (run_id, t, state_json) VALUES (?, ?, ?)');
    this.advanceRun = db.prepare('UPDATE runs SET steps_completed = ? WHERE run_id = ?');
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
      this.advanceRun.run(this.pending.t, this.pending.runId);
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
    const t = record.t;
    for (const m of record.metrics) this.insertMetric.run(runId, t, m.name, m.value);
    record.decisions.forEach((d, seq) =>
      this.insertDecisions.add(runId, t, seq, d.principal, d.choice, d.agent, d.policy, d.reward, d.bestReward, d.regret, d.detailJson),
    );
    this.insertDecisions.flush();
    record.events.forEach((e, seq) => this.insertEvent.run(runId, t, seq, e.type, e.subject, e.payloadJson));
    if (record.snapshotJson !== null) this.insertSnapshot.run(runId, t, record.snapshotJson);
  }

  /** Registers a new run as `running` and returns its id (suffixed if the same run is already recorded). */
  begin(header: RunHeader): string {
    const base = baseRunId(header);
    const exists = this.db.prepare('SELECT 1 FROM runs WHERE run_id = ?');
    let runId = base;
    for (let n = 2; exists.get(runId); n++) runId = `${base}.${n}`;
    const status = runTransitions.step(runTransitions.initial, 'START');
    this.db
      .prepare(
        `INSERT INTO runs (run_id, world, seed, params_json, engine_version, parent_run_id, status, steps_requested, snapshot_every, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        this.now(),
      );
    this.statuses.set(runId, status);
    return runId;
  }

  /** Moves the run to its final status; an event the lifecycle refuses leaves it unchanged. */
  finish(runId: string, event: Exclude<RunEvent, 'START'>, error?: string): RunStatus {
    const from = this.statuses.get(runId) ?? runTransitions.index('running');
    const to = runTransitions.step(from, event);
    this.statuses.set(runId, to);
    const status = runTransitions.states[to];
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE run_id = ?')
      .run(status, this.now(), error ?? null, runId);
    return status;
  }
}
