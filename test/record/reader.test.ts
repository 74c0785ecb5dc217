import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import type { StepRecord } from '../../src/kernel/world.ts';
import { migrateRecording, openForReading, openForWriting } from '../../src/record/database.ts';
import { detailOf, eventCount, eventPosition, findRun, iterateRows, lastMetric, listRuns, rowsAt, type RunRow } from '../../src/record/reader.ts';
import { Recorder } from '../../src/record/recorder.ts';
import { beginRun, finishRun } from '../../src/record/run-log.ts';
import { STEP_TABLE_NAMES } from '../../src/record/schema.ts';
import { tempDir } from '../support/cli.ts';

const V1 = 'test/fixtures/recording-v1.sqlite';
/** The runs of the version 1 fixture, in the order they were recorded. */
const V1_RUNS = ['every-table-s1-2a055218', 'every-table-s2-c08fbf3a', 'stag-hunt-s1-25b91f19', 'every-table-s1-a19f69bb'];

const header = (seed: number) => ({ world: 'w', seed, paramsJson: '{}', engineVersion: 'test', stepsRequested: 3, snapshotEvery: 0 });

function record(t: number, fields: Partial<StepRecord>): StepRecord {
  return { t, time: t, metrics: [], decisions: [], events: [], snapshotJson: null, ...fields };
}

const event = (type: string, subject: string, t: number) => ({ type, subject, payloadJson: `{"at":${t}}`, time: t });

/** Two runs: the first of three hand-written steps, completed; the second begun and empty. */
function twoRuns() {
  const db = openForWriting(join(tempDir(), 'reader.sqlite'));
  const first = beginRun(db, header(1));
  const second = beginRun(db, header(2));
  const recorder = new Recorder(db);
  recorder.writeStep(first, record(1, { metrics: [{ name: 'b', value: 1 }, { name: 'a', value: 2 }], events: [event('drift', 'p1', 1), event('shock', 'p2', 1)] }));
  recorder.writeStep(first, record(2, { metrics: [{ name: 'a', value: 3 }] }));
  recorder.writeStep(first, record(3, { metrics: [{ name: 'a', value: NaN }, { name: 'b', value: 4 }], events: [event('drift', 'p1', 3)], snapshotJson: '{"s":3}' }));
  recorder.flush();
  finishRun(db, first, 'COMPLETE');
  return { db, first, second };
}

describe('reading a recording', () => {
  it('lists runs in the order they were recorded and finds one by id, or the latest', () => {
    const { db, first, second } = twoRuns();
    expect(listRuns(db).map((r) => [r.run_id, r.status])).toEqual([
      [first, 'completed'],
      [second, 'running'],
    ]);
    expect(findRun(db).run_id).toBe(second);
    expect(findRun(db, first)).toMatchObject({ run_id: first, status: 'completed', steps_completed: 3, detail: 'summary' });
    db.close();
  });

  it('refuses a run id it does not hold, naming the last ten it does', () => {
    const db = openForWriting(join(tempDir(), 'many.sqlite'));
    expect(() => findRun(db, 'nope')).toThrow(new InputError("no run 'nope' in this recording: expected one of (none)"));
    expect(() => findRun(db)).toThrow(new InputError('the recording holds no runs: expected at least one (record one with alignsim run)'));
    const ids = Array.from({ length: 12 }, (_, i) => beginRun(db, header(i + 1)));
    expect(() => findRun(db, 'nope')).toThrow(new InputError(`no run 'nope' in this recording: expected one of ${ids.slice(2).join(', ')}`));
    db.close();
  });

  it('shows a running run whose process is gone as crashed', () => {
    const { db, second } = twoRuns();
    db.prepare('UPDATE run SET owner_host = NULL, owner_pid = NULL WHERE run_id = ?').run(second);
    expect(findRun(db, second).status).toBe('crashed');
    expect(findRun(db).status).toBe('crashed');
    expect(listRuns(db).map((r) => r.status)).toEqual(['completed', 'crashed']);
    db.close();
  });

  it('gives the rows of a table for one run in recording order, in the columns stepRows makes', () => {
    const { db, first, second } = twoRuns();
    // Metrics by step, then by name; NaN is stored as null; each row's time is its step's.
    expect([...iterateRows(db, 'metrics', first)]).toEqual([
      [1, 'a', 2, 1],
      [1, 'b', 1, 1],
      [2, 'a', 3, 2],
      [3, 'a', null, 3],
      [3, 'b', 4, 3],
    ]);
    expect([...iterateRows(db, 'events', first)]).toEqual([
      [1, 0, 'drift', 'p1', '{"at":1}', 1],
      [1, 1, 'shock', 'p2', '{"at":1}', 1],
      [3, 0, 'drift', 'p1', '{"at":3}', 3],
    ]);
    expect([...iterateRows(db, 'snapshots', first)]).toEqual([[3, '{"s":3}', 3]]);
    expect([...iterateRows(db, 'metrics', second)]).toEqual([]);
    db.close();
  });

  it('gives the times and summary columns a version 2 file stores, which version 1 files lack', () => {
    const db = openForWriting(join(tempDir(), 'times.sqlite'));
    const runId = beginRun(db, { ...header(1), detail: 'summary' });
    const recorder = new Recorder(db);
    const decision = { principal: 'p', choice: 'self' as const, agent: null, policy: 'x', reward: 0.25, bestReward: 0.75, regret: 0.5, detailJson: '{"area":"a","expected":0.5}', time: 1.25 };
    recorder.writeStep(runId, record(1, { time: 1.5, metrics: [{ name: 'm', value: 1 }], decisions: [decision], events: [event('drift', 'p', 1.25)], snapshotJson: '{}' }));
    recorder.flush();
    expect([...iterateRows(db, 'metrics', runId)]).toEqual([[1, 'm', 1, 1.5]]);
    expect([...iterateRows(db, 'decisions', runId)]).toEqual([[1, 0, 'p', 'self', null, 'x', 0.25, 0.75, 0.5, 'a', 0.5, null, 1.25]]);
    expect([...iterateRows(db, 'events', runId)]).toEqual([[1, 0, 'drift', 'p', '{"at":1.25}', 1.25]]);
    expect([...iterateRows(db, 'snapshots', runId)]).toEqual([[1, '{}', 1.5]]);
    db.close();
  });

  it('reads a step of one table as the public view shows it, without the run id', () => {
    const { db, first } = twoRuns();
    expect(rowsAt(db, 'metrics', first, 1)).toEqual([
      { t: 1, name: 'a', value: 2, time: 1 },
      { t: 1, name: 'b', value: 1, time: 1 },
    ]);
    expect(rowsAt(db, 'events', first, 2)).toEqual([]);
    db.close();
  });

  it("finds a series' last value, and a run's events by their place in it", () => {
    const { db, first, second } = twoRuns();
    expect(lastMetric(db, first, 'a')).toEqual({ t: 3, value: null });
    expect(lastMetric(db, first, 'b')).toEqual({ t: 3, value: 4 });
    expect(lastMetric(db, first, 'c')).toBeUndefined();
    expect(lastMetric(db, second, 'a')).toBeUndefined();
    expect(eventCount(db, first)).toBe(3);
    expect(eventCount(db, second)).toBe(0);
    expect([1, 2, 3, 4].map((n) => eventPosition(db, first, n))).toEqual([{ t: 1, seq: 0 }, { t: 1, seq: 1 }, { t: 3, seq: 0 }, undefined]);
    db.close();
  });

  it('reads several tables at once: the schema version is read before any of them is iterated', () => {
    const { db, first } = twoRuns();
    const metrics = iterateRows(db, 'metrics', first);
    expect(metrics.next().value).toEqual([1, 'a', 2, 1]);
    // The connection is busy while an iterator is open: no pragma can run on it now.
    expect(() => db.pragma('user_version')).toThrow(/busy/);
    const events = iterateRows(db, 'events', first);
    expect(events.next().value).toEqual([1, 0, 'drift', 'p1', '{"at":1}', 1]);
    events.return?.();
    metrics.return?.();
    db.close();
  });

  it('reads a schema version 1 recording as its migrated copy reads: every table of every run, in recorded order', () => {
    const migrated = join(tempDir(), 'migrated.sqlite');
    copyFileSync(V1, migrated);
    expect(migrateRecording(migrated)).toBe(1);
    const v1 = openForReading(V1);
    const v2 = openForReading(migrated);
    expect(listRuns(v1).map((r) => r.run_id)).toEqual(V1_RUNS);
    expect(listRuns(v2).map((r) => r.run_id)).toEqual(V1_RUNS);
    expect(findRun(v1).run_id).toBe(V1_RUNS[3]);
    for (const runId of V1_RUNS) {
      for (const table of STEP_TABLE_NAMES) expect([...iterateRows(v1, table, runId)]).toEqual([...iterateRows(v2, table, runId)]);
    }
    // 6 steps of 3 principals each.
    expect([...iterateRows(v1, 'decisions', V1_RUNS[0])]).toHaveLength(18);
    v1.close();
    v2.close();
  });

  it('takes the detail of a run without a level (schema version 1) to be all of it', () => {
    const v1 = openForReading(V1);
    const run = findRun(v1, V1_RUNS[0]);
    expect(run.detail).toBeUndefined();
    expect(detailOf(run)).toBe('full');
    v1.close();
    expect(detailOf({ detail: 'none' } as RunRow)).toBe('none');
  });
});
