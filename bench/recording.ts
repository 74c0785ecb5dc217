import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateParams } from '../src/kernel/params.ts';
import { loadWorld } from '../src/kernel/registry.ts';
import { simulate } from '../src/kernel/simulate.ts';
import type { AnyWorld, StepRecord } from '../src/kernel/world.ts';
import { BatchInsert } from '../src/record/batch-insert.ts';
import { openForWriting } from '../src/record/database.ts';
import { DEFAULT_DETAIL, keptDetail } from '../src/record/detail.ts';
import { recordRun } from '../src/record/record-run.ts';
import { Recorder, ROWS_PER_COMMIT } from '../src/record/recorder.ts';
import { beginRun } from '../src/record/run-log.ts';
import { MIGRATIONS } from '../src/record/schema.ts';
import { ThreadStepWriter } from '../src/record/step-writer.ts';
import type { BenchResult } from './main.ts';
import { median, range } from './stats.ts';

/** The flagship world at scale: 1,000 principals × 8 areas × 5 assistants for 1,000 steps. */
const SETTING = { principals: 1000, areas: 8, assistants: 5 };
const STEPS = 1000;
const OPTIONS = { seed: 1, steps: STEPS, snapshotEvery: 100 };
/** Steps held in memory for the recorder-versus-raw comparison, and how often each side runs. */
const SAMPLE_STEPS = 40;
const REPEATS = 3;
const FLAGSHIP_REPEATS = 2;

const spread = (values: readonly number[], digits = 0): string => `median of ${values.length}; ${range(values, digits)}`;

const removeRecording = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
};
const rowsOf = (record: StepRecord): number => record.metrics.length + record.decisions.length + record.events.length + (record.snapshotJson === null ? 0 : 1);

/** Rows per second of the recorder writing the sample steps into a fresh file. */
function recorderRate(file: string, records: readonly StepRecord[]): number {
  removeRecording(file);
  const db = openForWriting(file);
  const runId = beginRun(db, { world: 'assistants', seed: 1, paramsJson: '{}', engineVersion: 'bench', stepsRequested: records.length, snapshotEvery: 0 });
  const recorder = new Recorder(db);
  const start = performance.now();
  for (const record of records) recorder.writeStep(runId, record);
  recorder.flush();
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return records.reduce((n, r) => n + rowsOf(r), 0) / seconds;
}

/**
 * Rows per second of plain better-sqlite3 writing the same stored rows (dictionary ids and
 * detail worked out beforehand) through one prepared statement per table, committing every
 * ROWS_PER_COMMIT rows: what SQLite itself costs.
 */
function rawRate(file: string, records: readonly StepRecord[]): number {
  removeRecording(file);
  const db = openForWriting(file);
  beginRun(db, { world: 'assistants', seed: 1, paramsJson: '{}', engineVersion: 'bench', stepsRequested: records.length, snapshotEvery: 0 });
  const ids = new Map<string, number>();
  const id = (name: string): number => ids.get(name) ?? (ids.set(name, ids.size + 1), ids.size);
  const rows: [string, unknown[]][] = [];
  for (const r of records) {
    for (const m of r.metrics) rows.push(['metric', [1, r.t, id(m.name), m.value, null]]);
    r.decisions.forEach((d, seq) =>
      rows.push(['decision', [1, r.t, seq, id(d.principal), d.agent === null ? null : id(d.agent), id(d.policy), d.reward, d.bestReward, ...keptDetail(d.detailJson, DEFAULT_DETAIL), null]]),
    );
    r.events.forEach((e, seq) => rows.push(['event', [1, r.t, seq, id(e.type), id(e.subject), e.payloadJson, null]]));
  }
  const names = [...ids.keys()];
  const insert = {
    metric: db.prepare('INSERT INTO metric VALUES (?, ?, ?, ?, ?)'),
    decision: db.prepare('INSERT INTO decision VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    event: db.prepare('INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?)'),
  } as Record<string, Database.Statement>;
  const addName = db.prepare('INSERT INTO dictionary (id, name) VALUES (?, ?)');
  const start = performance.now();
  db.transaction(() => names.forEach((name, i) => addName.run(i + 1, name)))();
  const commit = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + ROWS_PER_COMMIT, rows.length); i++) insert[rows[i][0]].run(rows[i][1]);
  });
  for (let from = 0; from < rows.length; from += ROWS_PER_COMMIT) commit(from);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return (rows.length + names.length) / seconds;
}

/** Seconds to simulate the flagship run without recording. */
function simulateSeconds(world: AnyWorld, params: Record<string, unknown>): number {
  const start = performance.now();
  for (const record of simulate(world, params, OPTIONS)) void record;
  return (performance.now() - start) / 1000;
}

/** Seconds to record the flagship run as `alignsim run` does (writer thread), and the file's decisions. */
async function recordSeconds(world: AnyWorld, params: Record<string, unknown>, file: string): Promise<{ seconds: number; decisions: number }> {
  removeRecording(file);
  const db = openForWriting(file);
  const start = performance.now();
  await recordRun({ db, world, worldRef: 'assistants', params, ...OPTIONS, writer: (runId) => new ThreadStepWriter(file, runId) });
  const seconds = (performance.now() - start) / 1000;
  const decisions = db.prepare('SELECT count(*) FROM decision').pluck().get() as number;
  db.close();
  return { seconds, decisions };
}

/** The same run written as schema version 1 stored it (text keys, every detail, regret and choice stored). */
function writeVersion1(world: AnyWorld, params: Record<string, unknown>, file: string): void {
  removeRecording(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(MIGRATIONS[0]);
  const runId = 'assistants-s1-00000000';
  db.prepare("INSERT INTO runs (run_id, world, seed, params_json, engine_version, status, steps_requested) VALUES (?, 'assistants', 1, ?, 'bench', 'completed', ?)").run(
    runId,
    JSON.stringify(params),
    STEPS,
  );
  const metrics = new BatchInsert(db, 'metrics', ['run_id', 't', 'name', 'value']);
  const decisions = new BatchInsert(db, 'decisions', ['run_id', 't', 'seq', 'principal', 'choice', 'agent', 'policy', 'reward', 'best_reward', 'regret', 'detail_json']);
  const events = new BatchInsert(db, 'events', ['run_id', 't', 'seq', 'type', 'subject', 'payload_json']);
  const snapshots = new BatchInsert(db, 'snapshots', ['run_id', 't', 'state_json']);
  let pending = 0;
  db.exec('BEGIN');
  for (const r of simulate(world, params, OPTIONS)) {
    for (const m of r.metrics.toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) metrics.add(runId, r.t, m.name, m.value);
    r.decisions.forEach((d, seq) => decisions.add(runId, r.t, seq, d.principal, d.choice, d.agent, d.policy, d.reward, d.bestReward, d.regret, d.detailJson));
    r.events.forEach((e, seq) => events.add(runId, r.t, seq, e.type, e.subject, e.payloadJson));
    if (r.snapshotJson !== null) snapshots.add(runId, r.t, r.snapshotJson);
    for (const insert of [metrics, decisions, events, snapshots]) insert.flush();
    pending += rowsOf(r);
    if (pending >= ROWS_PER_COMMIT) {
      db.exec('COMMIT; BEGIN');
      pending = 0;
    }
  }
  db.exec('COMMIT');
  db.close();
}

export async function bench(): Promise<BenchResult[]> {
  const world = await loadWorld('assistants');
  const params = validateParams(world, SETTING);
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  try {
    const sample = [...simulate(world, params, { seed: 1, steps: SAMPLE_STEPS, snapshotEvery: 0 })];
    const recorder: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      recorder.push(recorderRate(join(dir, 'recorder.sqlite'), sample));
      raw.push(rawRate(join(dir, 'raw.sqlite'), sample));
    }

    const simulated: number[] = [];
    const recorded: number[] = [];
    let decisions = 0;
    const file = join(dir, 'flagship.sqlite');
    for (let i = 0; i < FLAGSHIP_REPEATS; i++) {
      simulated.push(STEPS / simulateSeconds(world, params));
      const run = await recordSeconds(world, params, file);
      recorded.push(STEPS / run.seconds);
      decisions = run.decisions;
    }
    const bytes = statSync(file).size;
    const v1File = join(dir, 'version-1.sqlite');
    writeVersion1(world, params, v1File);
    const v1Bytes = statSync(v1File).size;

    const label = `recording: assistants, ${SETTING.principals} principals × ${SETTING.areas} areas × ${SETTING.assistants} assistants`;
    const ratios = recorded.map((r, i) => r / simulated[i]);
    return [
      { name: `recording: recorder, ${SAMPLE_STEPS} flagship steps (${spread(recorder)})`, value: median(recorder), unit: 'rows/s' },
      { name: `recording: raw better-sqlite3 inserts of the same rows (${spread(raw)})`, value: median(raw), unit: 'rows/s' },
      { name: 'recording: recorder over raw inserts', value: median(recorder.map((r, i) => r / raw[i])), unit: '×' },
      { name: `${label}, ${STEPS} steps, bytes on disk per decision (all tables, detail ${DEFAULT_DETAIL})`, value: bytes / decisions, unit: 'bytes', target: '≤ 80' },
      { name: `${label}, the same run as schema version 1 stored it`, value: v1Bytes / decisions, unit: 'bytes', target: '' },
      { name: 'recording: file size over schema version 1', value: bytes / v1Bytes, unit: '×', target: '≤ 0.25' },
      { name: `${label}, simulate only (${spread(simulated, 1)})`, value: median(simulated), unit: 'steps/s' },
      { name: `${label}, recorded on a writer thread (${spread(recorded, 1)})`, value: median(recorded), unit: 'steps/s' },
      { name: 'recording: recorded over simulate-only rate, same run, interleaved', value: median(ratios), unit: '×', target: '≥ 0.85' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
