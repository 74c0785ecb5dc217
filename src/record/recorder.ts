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

/** A run id that names its world and seed and is the same wherever the run is made. */
export function baseRunId(header: Pick<RunHeader, 'world' | 'seed' | 'paramsJson'>): string {
  const hash = createHash('sha256').update(`${header.world}\n${header.seed}\n${header.paramsJson}`).digest('hex');
  const world = header.world.replace(/^.*[\\/]/, '').replace(/\.[a-z]+$/, '');
  return `${world}-s${header.seed}-${hash.slice(0, 8)}`;
}

/**
 * Writes runs to a recording: one transaction per step, prepared statements, and the run's
 * status driven through the run lifecycle machine.
 */
export class Recorder {
  private readonly insertMetric: Statement;
  private readonly insertDecisions: BatchInsert;
  private readonly insertEvent: Statement;
  private readonly insertSnapshot: Statement;
  private readonly advanceRun: Statement;
  private readonly statuses = new Map<string, number>();
  private readonly writeStepTransaction: (runId: string, record: StepRecord) => void;

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
    this.writeStepTransaction = db.transaction((runId: string, record: StepRecord) => {
      const t = record.t;
      for (const m of record.metrics) this.insertMetric.run(runId, t, m.name, m.value);
      record.decisions.forEach((d, seq) =>
        this.insertDecisions.add(runId, t, seq, d.principal, d.choice, d.agent, d.policy, d.reward, d.bestReward, d.regret, d.detailJson),
      );
      this.insertDecisions.flush();
      record.events.forEach((e, seq) => this.insertEvent.run(runId, t, seq, e.type, e.subject, e.payloadJson));
      if (record.snapshotJson !== null) this.insertSnapshot.run(runId, t, record.snapshotJson);
      this.advanceRun.run(t, runId);
    });
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

  writeStep(runId: string, record: StepRecord): void {
    this.writeStepTransaction(runId, record);
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
